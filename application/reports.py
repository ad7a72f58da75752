"""Commands on monthly progress: a unit reports, a reviewer verifies or rejects."""

from __future__ import annotations

from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain import errors
from domain.actors import Actor
from domain.ids import monthly_return_id, target_list_id
from domain.periods import Period, PeriodKind
from domain.reports.evidence import Progress
from domain.reports.monthly_return import MonthlyReturn
from domain.targets.target_list import TargetList


class ReportCommands(AssessmentBase):
    @command
    def report_progress(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        period: str,
        progress: Progress,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        month = _month_of(year, period)
        assessment = self.year(year)
        if assessment.is_month_closed(month):
            # A unit enrolled after a month closed has no closed return for it yet.
            raise errors.PeriodClosed(f"{month} is closed", field="period")
        the_year = assessment.id
        targets = self.read(TargetList, target_list_id(the_year, unit_id), field="unit_id")
        target = targets.target(target_id)
        stamp = self.stamp(by)
        monthly = self.find(MonthlyReturn, monthly_return_id(the_year, unit_id, str(month)))
        if monthly is None:
            monthly = MonthlyReturn.open(
                year_id=the_year, unit_id=unit_id, month=month, stamp=stamp
            )
        monthly.report(target=target, progress=progress, stamp=stamp)
        return Outcome(monthly.id, monthly)

    @command
    def verify_progress(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        period: str,
        approve: bool,
        reason: str | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        month = _month_of(year, period)
        assessment = self.year(year)
        monthly = self.load(
            MonthlyReturn, monthly_return_id(assessment.id, unit_id, str(month)), field="period"
        )
        stamp = self.stamp(by, reason)
        guard = self.guard_change(
            assessment,
            subject_id=monthly.id,
            command="verify_progress",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        monthly.verify(target_id=target_id, approve=approve, stamp=stamp)
        return Outcome(monthly.id, monthly, *guard)


def _month_of(year: int, period: str) -> Period:
    month = Period.parse(period)
    if month.kind is not PeriodKind.MONTH or month.year != year:
        raise errors.InvalidInput(
            f"progress is reported for a month of {year}, e.g. {year}-03", field="period"
        )
    return month
