"""What each assessed target's reports amount to, month by month, before any rulebook.

Completion and lag do not depend on the rulebook: the latest verified value (or the
verified milestones) from each month on, and how far the said progress lags behind the
monthly schedule (序时进度). They are worked out once per state of the facts and shared
by every rulebook the facts are scored under (official and replayed).

A warning is about what units have *said*: for lag the latest submitted report counts
whether or not it is verified yet (a rejected one does not), and a month without a
report carries the previous value forward. A month is judged once it has a report or
has ended: the month in progress, not yet reported on, is not behind its month-end
schedule yet (seed 001 格尔木 warns on the monthly reports). Completion counts verified
reports only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.scoring.facts import RawRef, ReportFact, TargetFact, TargetTerms, YearFacts

ZERO, ONE = Decimal(0), Decimal(1)
MONTHS = range(1, 13)
_NO_REPORTS: Mapping[int, ReportFact] = {}

Lag = tuple[int, Decimal]  # a month the target lags behind its schedule, and by how much


@dataclass(slots=True)
class QuantitativeStep:
    """From `month` on, the latest verified report is `report`; `ratio` is its completion
    before the rulebook's clamp (value / goal, or above the baseline when zero-base)."""

    month: int
    report: ReportFact
    ratio: Decimal


@dataclass(slots=True)
class TargetProgress:
    target: TargetFact
    target_uuid: UUID
    unit_uuid: UUID
    steps: list[QuantitativeStep]  # quantitative: each month a new verified value counts
    done: list[tuple[int, int]]  # qualitative: (month, milestones verified by then)
    milestone_refs: tuple[RawRef, ...]  # the reports that added a milestone, in order
    # the months from the approval to the latest month of the year in which the target
    # lags (a lag of 0 is never a warning, whatever the thresholds)
    lags: list[Lag]

    @property
    def quantitative(self) -> bool:
        return self.target.terms.quantitative


def progress_of(facts: YearFacts, target: TargetFact) -> TargetProgress:
    """The target's progress, cached with the facts (one computation per revision)."""
    table: dict[object, TargetProgress] | None = facts.cached("progress")
    if table is None:
        table = {}
        facts.cache("progress", table)
    found = table.get(target.id)
    if found is None:
        found = table[target.id] = computed_progress(facts, target)
    return found


def computed_progress(facts: YearFacts, target: TargetFact) -> TargetProgress:
    """The target's progress worked out now (live scoring keeps its own per-unit cache)."""
    reports = facts.reports.get(target.id, _NO_REPORTS)
    months = _judged(target, reports, facts.last_month, facts.months_ended)
    found = TargetProgress(
        target, facts.uuid_of(target.id), facts.uuid_of(target.unit_id), [], [], (), []
    )
    if target.terms.quantitative:
        _quantitative(found, reports, months)
    else:
        _qualitative(found, reports, months)
    return found


def _judged(
    target: TargetFact, reports: Mapping[int, ReportFact], last: int, ended: int
) -> frozenset[int]:
    """The months whose lag counts: from the target's assignment to the latest month,
    each one that has ended or that a (not rejected) report is about."""
    return frozenset(
        month
        for month in range(target.assigned_month, last + 1)
        if month <= ended or (month in reports and reports[month].status != "rejected")
    )


def ratio_of(terms: TargetTerms, value: Decimal) -> Decimal:
    if terms.zero_base:
        return (value - terms.baseline) / (terms.annual_goal - terms.baseline)
    return value / terms.annual_goal


def report_refs(report: ReportFact) -> tuple[RawRef, ...]:
    return (report.reported,) if report.verified is None else (report.reported, report.verified)


def _quantitative(
    progress: TargetProgress, reports: Mapping[int, ReportFact], months: frozenset[int]
) -> None:
    """Verified values for completion; for lag, (planned − actual) / (planned − baseline)
    clamped to [0, 1], with the latest value said (not rejected) as actual."""
    terms = progress.target.terms
    actual = baseline = terms.baseline
    steps, lags = progress.steps, progress.lags
    for month in MONTHS:
        report = reports.get(month)
        if report is not None and report.value is not None and report.status != "rejected":
            actual = report.value
            if report.status == "verified":
                steps.append(QuantitativeStep(month, report, ratio_of(terms, actual)))
        if month in months:
            planned = terms.schedule[month - 1] - baseline
            behind = planned - (actual - baseline)
            if planned > 0 and behind > 0:
                lags.append((month, min(behind / planned, ONE)))


def _qualitative(
    progress: TargetProgress, reports: Mapping[int, ReportFact], months: frozenset[int]
) -> None:
    """Milestones verified for completion; for lag, (milestones due by the month −
    milestones said done) / milestones due."""
    terms = progress.target.terms
    keys = frozenset(key for key, _ in terms.milestones)
    due = [0] * 13  # milestones due by the end of each month
    for _, due_month in terms.milestones:
        due[due_month] += 1
    verified: set[str] = set()
    said: set[str] = set()
    refs: list[RawRef] = []
    planned = 0
    for month in MONTHS:
        planned += due[month]
        report = reports.get(month)
        if report is not None and report.status != "rejected" and report.milestones:
            reached = keys.intersection(report.milestones)
            said |= reached
            if report.status == "verified" and not reached <= verified:
                verified |= reached
                refs.extend(report_refs(report))
                progress.done.append((month, len(verified)))
        if month in months and planned > len(said):
            progress.lags.append((month, Decimal(planned - len(said)) / planned))
    progress.milestone_refs = tuple(refs)
