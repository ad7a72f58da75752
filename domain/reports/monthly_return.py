"""A unit's monthly return (月报): its progress reports for one month, their review, and
the late and missing reports recorded as facts when the month closes.

One aggregate per unit and month makes closing a month a per-unit decision that cannot
race with a report: whichever is saved second sees the other, or conflicts and retries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty, require_own_unit
from domain.events import Aggregate, Stamp
from domain.ids import monthly_return_id, target_list_id
from domain.ids import target_id as make_target_id
from domain.periods import OFFICE_TZ, Period, due_instant
from domain.reports.evidence import Progress
from domain.targets.spec import Quantitative
from domain.targets.target import Target


class ReportStatus(StrEnum):
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class ReportState:
    """Immutable: a change replaces the entry, so copying a return copies only its dict."""

    status: ReportStatus
    first_submitted_at: datetime
    progress: Progress


class MonthlyReturn(Aggregate):
    class Opened(Aggregate.Created):
        year_id: UUID
        unit_id: UUID
        month: str

        def apply(self, agg: MonthlyReturn) -> None:
            agg.year_id, agg.unit_id, agg.month = self.year_id, self.unit_id, self.month
            agg.reports, agg.closed = {}, False

    class ProgressReported(Aggregate.Event):
        target_id: UUID
        progress: Progress

        def apply(self, agg: MonthlyReturn) -> None:
            earlier = agg.reports.get(self.target_id)
            first = earlier.first_submitted_at if earlier else self.timestamp
            agg.reports[self.target_id] = ReportState(ReportStatus.SUBMITTED, first, self.progress)

    class ProgressVerified(Aggregate.Event):
        target_id: UUID

        def apply(self, agg: MonthlyReturn) -> None:
            state = agg.reports[self.target_id]
            agg.reports[self.target_id] = replace(state, status=ReportStatus.VERIFIED)

    class ProgressRejected(Aggregate.Event):
        target_id: UUID

        def apply(self, agg: MonthlyReturn) -> None:
            state = agg.reports[self.target_id]
            agg.reports[self.target_id] = replace(state, status=ReportStatus.REJECTED)

    class ReportLate(Aggregate.Event):
        target_id: UUID
        due_at: datetime
        submitted_at: datetime

    class ReportMissing(Aggregate.Event):
        target_id: UUID
        due_at: datetime

    class Closed(Aggregate.Event):
        def apply(self, agg: MonthlyReturn) -> None:
            agg.closed = True

    year_id: UUID
    unit_id: UUID
    month: str
    reports: dict[UUID, ReportState]
    closed: bool

    @classmethod
    def open(cls, *, year_id: UUID, unit_id: UUID, month: Period, stamp: Stamp) -> MonthlyReturn:
        return cls._begin(
            cls.Opened,
            id=monthly_return_id(year_id, unit_id, str(month)),
            stamp=stamp,
            year_id=year_id,
            unit_id=unit_id,
            month=str(month),
        )

    def report(self, *, target: Target, progress: Progress, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.REPORT_PROGRESS)
        require_own_unit(stamp.actor_role, stamp.acting_unit, self.unit_id)
        self._require_open()
        month = Period.parse(self.month)
        if stamp.at < _start_of(month):
            raise errors.PeriodNotStarted(f"{month} has not started", field="period")
        self._require_own_target(target)
        target.require_approved()
        _check_progress(target, progress)
        earlier = self.reports.get(target.id)
        if earlier is not None and earlier.status is ReportStatus.VERIFIED:
            raise errors.ReportStateInvalid("a verified report is not replaced", field="target_id")
        self._record(
            self.ProgressReported, stamp.about(self.month), target_id=target.id, progress=progress
        )

    def verify(self, *, target_id: UUID, approve: bool, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.VERIFY_PROGRESS)
        report = self.reports.get(target_id)
        if report is None or report.status is not ReportStatus.SUBMITTED:
            state = report.status if report else "not reported"
            raise errors.ReportStateInvalid(
                f"the report is {state}; only a submitted report is verified or rejected",
                field="target_id",
            )
        if approve:
            self._record(self.ProgressVerified, stamp.about(self.month), target_id=target_id)
            return
        if not (stamp.reason and stamp.reason.strip()):
            raise errors.InvalidInput("a rejection needs a reason", field="reason")
        self._record(self.ProgressRejected, stamp.about(self.month), target_id=target_id)

    def close(self, *, expected: list[Target], due_day: int, stamp: Stamp) -> None:
        """Record which expected reports came late or never came, then close."""
        require_duty(stamp.actor_role, Duty.CLOSE_PERIOD)
        self._require_open()
        month = Period.parse(self.month)
        due = due_instant(month, due_day)
        stamp = stamp.about(self.month)
        for target in sorted(expected, key=lambda t: t.number):
            report = self.reports.get(target.id)
            if report is None:
                self._record(self.ReportMissing, stamp, target_id=target.id, due_at=due)
            elif report.first_submitted_at > due:
                self._record(
                    self.ReportLate,
                    stamp,
                    target_id=target.id,
                    due_at=due,
                    submitted_at=report.first_submitted_at,
                )
        self._record(self.Closed, stamp)

    def _require_own_target(self, target: Target) -> None:
        # Target ids derive from their list's id, so membership needs no other aggregate.
        own_list = target_list_id(self.year_id, self.unit_id)
        if target.id != make_target_id(own_list, target.number):
            raise errors.NotFound("no such target in the unit's list", field="target_id")

    def _require_open(self) -> None:
        if self.closed:
            raise errors.PeriodClosed(f"{self.month} is closed", field="period")


def _start_of(month: Period) -> datetime:
    return datetime.combine(month.starts_on, datetime.min.time(), OFFICE_TZ)


def _check_progress(target: Target, progress: Progress) -> None:
    if isinstance(target.spec.measure, Quantitative):
        if progress.value is None:
            raise errors.InvalidInput(
                "a quantitative target is reported with a cumulative value", field="progress.value"
            )
        if progress.milestones_done:
            raise errors.InvalidInput(
                "milestones are for qualitative targets", field="progress.milestones_done"
            )
        return
    if progress.value is not None:
        raise errors.InvalidInput(
            "a qualitative target is reported with milestones done", field="progress.value"
        )
    unknown = set(progress.milestones_done) - target.milestone_keys()
    if unknown:
        raise errors.InvalidInput(
            f"unknown milestones {sorted(unknown)}", field="progress.milestones_done"
        )
