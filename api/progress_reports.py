"""A unit's progress reports for one month, as its monthly return holds them (one
aggregate by id, from the application's cache): what a reviewer verifies and a unit
follows. Reports across months are a view (the audit trail per target, issue 5)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.relay import Connection
from strawberry.types import Info

from api.aggregates import cached
from api.context import ApiContext
from api.inputs import uuid_of
from api.mutation import ident
from api.pagination import PageAfter, PageSize, connection
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.vocabulary import canonical
from domain import errors
from domain.ids import monthly_return_id, target_list_id, year_id
from domain.periods import Period, PeriodKind
from domain.reports.evidence import Evidence
from domain.reports.monthly_return import MonthlyReturn, ReportState, ReportStatus
from domain.targets.target_list import TargetList

ReportStatusKind = canonical(
    ReportStatus, "ReportStatus", "submitted (waiting for a reviewer), verified (counts), rejected."
)


@strawberry.type(name="Evidence", description="A file kept as evidence, named by its hash.")
class EvidenceType:
    file_name: str = strawberry.field(description="The file's name.")
    media_type: str = strawberry.field(description="Its media type.")
    sha256: str = strawberry.field(description="SHA-256 of its bytes.")
    size: int = strawberry.field(description="Its size in bytes.")

    @classmethod
    def of(cls, evidence: Evidence) -> EvidenceType:
        return cls(
            file_name=evidence.file_name,
            media_type=evidence.media_type,
            sha256=evidence.sha256,
            size=evidence.size,
        )


@strawberry.type(description="A target's progress report (进度填报) for the month.")
class ProgressReport:
    target_id: strawberry.ID = strawberry.field(description="The target reported on.")
    target_number: int = strawberry.field(description="Its number in the unit's list.")
    status: ReportStatusKind = strawberry.field(description="Where the report stands.")
    value: Decimal | None = strawberry.field(description="Cumulative value reached.")
    milestones_done: list[str] = strawberry.field(description="Keys of milestones done.")
    narrative: str = strawberry.field(description="What was done.")
    evidence: list[EvidenceType] = strawberry.field(description="The files behind it.")
    first_submitted_at: datetime = strawberry.field(
        description="When it was first submitted (late or not is judged by this)."
    )


def progress_reports(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit.")],
    period: Annotated[str, strawberry.argument(description="The month, `YYYY-MM`.")],
    first: PageSize = 20,
    after: PageAfter = None,
) -> Connection[ProgressReport]:
    unit = uuid_of(unit_id, "unitId")
    require_reader(info.context.actor(), ReadScope.UNIT, unit)
    month = Period.parse(period)
    if month.kind is not PeriodKind.MONTH or month.year != year:
        raise errors.InvalidInput(f"a month of {year}, e.g. {year}-03", field="period")
    app = info.context.application
    the_year = year_id(app.jurisdiction, year)
    monthly = cached(app, MonthlyReturn, monthly_return_id(the_year, unit, str(month)))
    targets = cached(app, TargetList, target_list_id(the_year, unit))
    numbers = {t.id: t.number for t in targets.targets.values()} if targets else {}
    reports = sorted(
        ((numbers[t], t, state) for t, state in (monthly.reports if monthly else {}).items()),
        key=lambda row: row[0],
    )
    return connection(
        reports, kind="report", key=lambda row: row[0], node=_report, first=first, after=after
    )


def _report(row: tuple[int, UUID, ReportState]) -> ProgressReport:
    number, target_id, state = row
    progress = state.progress
    return ProgressReport(
        target_id=ident(target_id),
        target_number=number,
        status=ReportStatusKind(state.status.value),
        value=progress.value,
        milestones_done=list(progress.milestones_done),
        narrative=progress.narrative,
        evidence=[EvidenceType.of(e) for e in progress.evidence],
        first_submitted_at=state.first_submitted_at,
    )


QUERY_SCOPES["progressReports"] = ReadScope.UNIT


@strawberry.type
class ProgressReportQueries:
    progress_reports: Connection[ProgressReport] = strawberry.field(
        resolver=progress_reports,
        description="A unit's progress reports for a month, by target number.",
    )
