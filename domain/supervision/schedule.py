"""What is computed from a case, never typed in: whether it is overdue and which progress
reports it missed, as of any moment (so a projection can answer "as of" questions).

`ReportingClock` is the part of a case's history these need; the case folds its events
into one, and a projection can fold the same events into its own.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from domain.periods import OFFICE_TZ
from domain.supervision.terms import PROGRESS_INTERVALS
from domain.vocabulary import AttentionLevel

_DAY = timedelta(days=1)


@dataclass
class Span:
    """A stretch of time in which progress reports were owed at one attention level."""

    start: datetime
    level: AttentionLevel
    end: datetime | None = None


@dataclass
class ReportingClock:
    """Progress is owed from assignment until the rectification report (again after a
    failed verification), at the interval of the level in force; a level change starts a
    new schedule from that moment."""

    spans: list[Span] = field(default_factory=list)
    reports: list[datetime] = field(default_factory=list)

    def start(self, at: datetime, level: AttentionLevel) -> None:
        self.stop(at)
        self.spans.append(Span(at, level))

    def stop(self, at: datetime) -> None:
        if self.spans and self.spans[-1].end is None:
            self.spans[-1].end = at

    def relevel(self, at: datetime, level: AttentionLevel) -> None:
        if self.spans and self.spans[-1].end is None:
            self.start(at, level)

    def report(self, at: datetime) -> None:
        bisect.insort(self.reports, at)


@dataclass(frozen=True)
class MissedReport:
    """A progress report due at `due_at` with none in (`window_start`, `due_at`]."""

    window_start: datetime
    due_at: datetime


@dataclass(frozen=True)
class Overdue:
    due_at: datetime
    days: int  # begun days past the deadline, up to the moment asked or the case's end
    settled: bool  # the case was completed or escalated: the days no longer grow


def missed_progress(
    clock: ReportingClock,
    at: datetime,
    intervals: Mapping[AttentionLevel, timedelta] = PROGRESS_INTERVALS,
) -> list[MissedReport]:
    """Every progress report owed by `at` that did not come, in order."""
    missed: list[MissedReport] = []
    for span in clock.spans:
        every = intervals[span.level]
        end = at if span.end is None else min(span.end, at)
        due = span.start + every
        while due <= end:
            if not _reported_within(clock.reports, due - every, due):
                missed.append(MissedReport(due - every, due))
            due += every
    return missed


def _reported_within(reports: list[datetime], after: datetime, until: datetime) -> bool:
    first = bisect.bisect_right(reports, after)
    return first < len(reports) and reports[first] <= until


def deadline_instant(deadline: date) -> datetime:
    """A deadline runs to the end of its day, office time."""
    return datetime.combine(deadline + _DAY, time.min, OFFICE_TZ)


def overdue(*, deadline: date, settled_at: datetime | None, at: datetime) -> Overdue | None:
    """Whether a case is past its deadline as of `at`; the count stops when the case was
    settled (its verified rectification reported, or the case escalated)."""
    due = deadline_instant(deadline)
    settled = settled_at is not None and settled_at <= at
    end = settled_at if settled and settled_at is not None else at
    if end <= due:
        return None
    return Overdue(due_at=due, days=math.ceil((end - due) / _DAY), settled=settled)
