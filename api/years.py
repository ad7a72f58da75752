"""The assessment year (考核年度): its rulebook, roster size and how far it has been closed."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from domain import errors
from domain.year import AssessmentYear

EARLIEST, LATEST = 2000, 2100


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


def assessment_year(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The calendar year, e.g. 2025.")],
) -> AssessmentYearType | None:
    if not EARLIEST <= year <= LATEST:
        raise errors.InvalidInput(f"year must be between {EARLIEST} and {LATEST}", field="year")
    try:
        # One aggregate read from the application's cache; the full API reads views.
        return AssessmentYearType.of(info.context.application.year(year))
    except errors.NotFound:
        return None


@strawberry.type
class YearQueries:
    assessment_year: AssessmentYearType | None = strawberry.field(
        resolver=assessment_year,
        description="The assessment year, or null if it has not been opened.",
    )
