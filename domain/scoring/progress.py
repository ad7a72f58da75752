"""What each assessed target's reports amount to, month by month, before any rulebook.

Completion and lag do not depend on the rulebook: the latest verified value (or the
verified milestones) from each month on, and how far the said progress lags behind the
monthly schedule (序时进度). They are worked out once per state of the facts and shared
by every rulebook the facts are scored under (official and replayed).

A warning is about what units have *said*: for lag the latest submitted report counts
whether or not it is verified yet (a rejected one does not), and a month without a
report carries the previous value forward. Completion counts verified reports only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from domain.scoring.facts import RawRef, ReportFact, TargetFact, TargetTerms, YearFacts

ZERO, ONE = Decimal(0), Decimal(1)
MONTHS = range(1, 13)
_LAG_STEP = Decimal("0.0001")
_NO_REPORTS: Mapping[int, ReportFact] = {}

Lag = tuple[int, Decimal, Decimal]  # month, lag, lag rounded to 4 places for the board


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
    quantitative: bool
    steps: list[QuantitativeStep]  # quantitative: each month a new verified value counts
    done: list[tuple[int, int]]  # qualitative: (month, milestones verified by then)
    milestone_refs: tuple[RawRef, ...]  # the reports that added a milestone, in order
    milestones: int  # qualitative: how many the target has
    lags: list[Lag]  # from the month of approval to the latest month of the year


def progress_of(facts: YearFacts, target: TargetFact) -> TargetProgress:
    """The target's progress, cached with the facts (one computation per revision)."""
    table: dict[object, TargetProgress] | None = facts.cached("progress")
    if table is None:
        table = {}
        facts.cache("progress", table)
    found = table.get(target.id)
    if found is None:
        reports = facts.reports.get(target.id, _NO_REPORTS)
        months = range(target.assigned_month, facts.last_month + 1)
        found = table[target.id] = _progress(target, reports, months)
    return found


def _progress(
    target: TargetFact, reports: Mapping[int, ReportFact], months: range
) -> TargetProgress:
    terms = target.terms
    if terms.quantitative:
        steps = _quantitative_steps(terms, reports)
        lags = _quantitative_lags(terms, reports, months)
        return TargetProgress(target, True, steps, [], (), 0, lags)
    done, refs = _milestones_done(terms, reports)
    lags = _qualitative_lags(terms, reports, months)
    return TargetProgress(target, False, [], done, refs, len(terms.milestones), lags)


def ratio_of(terms: TargetTerms, value: Decimal) -> Decimal:
    if terms.zero_base:
        return (value - terms.baseline) / (terms.annual_goal - terms.baseline)
    return value / terms.annual_goal


def _quantitative_steps(
    terms: TargetTerms, reports: Mapping[int, ReportFact]
) -> list[QuantitativeStep]:
    steps = []
    for month in MONTHS:
        report = reports.get(month)
        if report is not None and report.status == "verified" and report.value is not None:
            steps.append(QuantitativeStep(month, report, ratio_of(terms, report.value)))
    return steps


def _milestones_done(
    terms: TargetTerms, reports: Mapping[int, ReportFact]
) -> tuple[list[tuple[int, int]], tuple[RawRef, ...]]:
    keys = frozenset(key for key, _ in terms.milestones)
    done: set[str] = set()
    counts: list[tuple[int, int]] = []
    refs: list[RawRef] = []
    for month in MONTHS:
        report = reports.get(month)
        if report is not None and report.status == "verified":
            fresh = keys.intersection(report.milestones) - done
            if fresh:
                done |= fresh
                refs.extend(report_refs(report))
                counts.append((month, len(done)))
    return counts, tuple(refs)


def report_refs(report: ReportFact) -> tuple[RawRef, ...]:
    return (report.reported,) if report.verified is None else (report.reported, report.verified)


def _lag(month: int, lag: Decimal) -> Lag:
    return (month, lag, lag.quantize(_LAG_STEP))


def _quantitative_lags(
    terms: TargetTerms, reports: Mapping[int, ReportFact], months: range
) -> list[Lag]:
    """(planned − actual) / (planned − baseline), clamped to [0, 1]."""
    actual, baseline, out = terms.baseline, terms.baseline, []
    for month in range(1, months.stop):
        report = reports.get(month)
        if report is not None and report.status != "rejected" and report.value is not None:
            actual = report.value
        if month in months:
            planned = terms.schedule[month - 1] - baseline
            if planned <= 0:
                out.append(_lag(month, ZERO))
            else:
                lag = (planned - (actual - baseline)) / planned
                out.append(_lag(month, min(max(lag, ZERO), ONE)))
    return out


def _qualitative_lags(
    terms: TargetTerms, reports: Mapping[int, ReportFact], months: range
) -> list[Lag]:
    """(milestones due by the month − milestones done) / milestones due."""
    keys = frozenset(key for key, _ in terms.milestones)
    due = [0] * 13  # milestones due by the end of each month
    for _, due_month in terms.milestones:
        due[due_month] += 1
    done: set[str] = set()
    planned, out = 0, []
    for month in range(1, months.stop):
        planned += due[month]
        report = reports.get(month)
        if report is not None and report.status != "rejected":
            done |= keys.intersection(report.milestones)
        if month in months:
            behind = planned - len(done)
            out.append(_lag(month, Decimal(behind) / planned if behind > 0 else ZERO))
    return out
