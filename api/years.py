"""The assessment year (考核年度): its rulebook, roster size and how far it has been
closed; and the office's commands on it: open, adopt a rulebook, enrol, close, finalize."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.common import YearCommandInput
from api.context import ApiContext
from api.inputs import check_year, uuid_of
from api.mutation import Run, ident, mutation
from api.permissions import QUERY_SCOPES, Guard, ReadScope, require_reader
from application.app import AssessmentApplication
from domain import errors
from domain.actors import Duty
from domain.rulebook.document import parse_rulebook_yaml
from domain.year import AssessmentYear


@strawberry.type(
    name="AssessmentYear", description="An assessment year of the jurisdiction (考核年度)."
)
class AssessmentYearType:
    jurisdiction: str = strawberry.field(description="The county or city that assesses.")
    year: int = strawberry.field(description="The calendar year assessed.")
    rulebook_version: str | None = strawberry.field(
        description="Version of the adopted rulebook (考核办法); null until one is adopted."
    )
    rulebook_sha256: str | None = strawberry.field(
        description="SHA-256 of the adopted rulebook's canonical JSON: proves which rules apply."
    )
    closed_months: int = strawberry.field(
        description="How many months have been closed, in order from January (0–12)."
    )
    finalized: bool = strawberry.field(
        description="Whether the year is locked; later changes are recorded amendments."
    )
    enrolled_units: int = strawberry.field(description="How many units are assessed this year.")

    @classmethod
    def of(cls, year: AssessmentYear) -> AssessmentYearType:
        return cls(
            jurisdiction=year.jurisdiction,
            year=year.year,
            rulebook_version=year.rulebook_version,
            rulebook_sha256=year.rulebook_sha256,
            closed_months=year.closed_months,
            finalized=year.finalized,
            enrolled_units=len(year.roster),
        )

    @classmethod
    def read(cls, app: AssessmentApplication, year: int) -> AssessmentYearType:
        return cls.of(app.year(year))


def assessment_year(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The calendar year, e.g. 2025.")],
) -> AssessmentYearType | None:
    require_reader(info.context.actor(), ReadScope.YEAR)
    check_year(year)
    try:
        # One aggregate read from the application's cache, by id.
        return AssessmentYearType.read(info.context.application, year)
    except errors.NotFound:
        return None


QUERY_SCOPES["assessmentYear"] = ReadScope.YEAR


@strawberry.type
class YearQueries:
    assessment_year: AssessmentYearType | None = strawberry.field(
        resolver=assessment_year,
        description="The assessment year, or null if it has not been opened.",
    )


@strawberry.input(description="A rulebook (考核办法) to adopt for a year.")
class AdoptRulebookInput(YearCommandInput):
    rulebook: str = strawberry.field(description="The rulebook document, as YAML or JSON.")


@strawberry.input(description="A unit to assess in a year.")
class EnrolUnitInput(YearCommandInput):
    unit_id: strawberry.ID = strawberry.field(description="The registered unit.")
    category: str | None = strawberry.field(
        default=None, description="Category it is ranked in; the unit's own when null."
    )


@strawberry.input(description="A month to close, e.g. `2025-03`.")
class ClosePeriodInput(YearCommandInput):
    period: str = strawberry.field(description="The month, `YYYY-MM`; months close in order.")


@strawberry.type(description="The year as it stands after the change.")
class YearPayload:
    assessment_year: AssessmentYearType = strawberry.field(description="The assessment year.")


@strawberry.type(description="The rulebook adopted, and the year now under it.")
class RulebookAdopted(YearPayload):
    sha256: str = strawberry.field(description="SHA-256 naming the adopted rulebook's content.")


@strawberry.type(description="A unit enrolled in the year.")
class UnitEnrolled(YearPayload):
    unit_id: strawberry.ID = strawberry.field(description="The enrolled unit.")
    category: str = strawberry.field(description="The category it is ranked in this year.")


@strawberry.type(description="A month closed: late and missing reports are now facts.")
class PeriodClosed(YearPayload):
    period: str = strawberry.field(description="The month closed.")


@strawberry.type
class YearMutations:
    @mutation(Guard(Duty.OPEN_YEAR), "Open an assessment year (考核年度).")
    def open_year(run: Run, input: YearCommandInput) -> YearPayload:
        run.app.open_year(year=input.year, **run.command(input))
        return YearPayload(assessment_year=AssessmentYearType.read(run.app, input.year))

    @mutation(
        Guard(Duty.ADOPT_RULEBOOK),
        "Adopt a rulebook for the year; allowed until its first month closes.",
    )
    def adopt_rulebook(run: Run, input: AdoptRulebookInput) -> RulebookAdopted:
        try:
            rulebook = parse_rulebook_yaml(input.rulebook)
        except errors.RulebookInvalid as error:
            raise errors.RulebookInvalid(error.message, field="input.rulebook") from None
        sha256 = run.app.adopt_rulebook(year=input.year, rulebook=rulebook, **run.command(input))
        return RulebookAdopted(
            sha256=sha256, assessment_year=AssessmentYearType.read(run.app, input.year)
        )

    @mutation(Guard(Duty.ENROL_UNIT), "Enrol a registered unit in the year's assessment.")
    def enrol_unit(run: Run, input: EnrolUnitInput) -> UnitEnrolled:
        unit_id = uuid_of(input.unit_id, "input.unitId")
        category = run.app.enrol_unit(
            year=input.year, unit_id=unit_id, category=input.category, **run.command(input)
        )
        return UnitEnrolled(
            unit_id=ident(unit_id),
            category=category,
            assessment_year=AssessmentYearType.read(run.app, input.year),
        )

    @mutation(
        Guard(Duty.CLOSE_PERIOD),
        "Close a month once it has ended, in order; needs every unit's full target list.",
    )
    def close_period(run: Run, input: ClosePeriodInput) -> PeriodClosed:
        period = run.app.close_period(year=input.year, period=input.period, **run.command(input))
        return PeriodClosed(
            period=period, assessment_year=AssessmentYearType.read(run.app, input.year)
        )

    @mutation(
        Guard(Duty.FINALIZE_YEAR),
        "Finalize (lock) the year after the committee's decision; later changes are amendments.",
    )
    def finalize_year(run: Run, input: YearCommandInput) -> YearPayload:
        run.app.finalize_year(year=input.year, **run.command(input))
        return YearPayload(assessment_year=AssessmentYearType.read(run.app, input.year))
