"""Dynamic warnings (动态预警, seed 001 格尔木): how far each target lags behind its monthly
schedule (序时进度), and whom the level reminds (警铃 → filler, 黄牌 → leader in charge,
红牌 → main leader, as the rulebook states).

Lag is the share of the scheduled progress not reached, measured above the baseline:
(planned − actual) / (planned − baseline) for quantitative targets, (milestones planned
by the month − milestones done) / milestones planned for qualitative ones. A warning is
about what units have *said*, so the latest submitted report counts whether or not a
reviewer has verified it yet (a rejected one does not); a month without a report
carries the previous value forward.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from domain.rulebook.model import WarningClause, WarningThreshold
from domain.scoring.completion import ZERO
from domain.scoring.construct import built
from domain.scoring.facts import TargetFact
from domain.scoring.result import TargetWarning
from domain.targets.spec import Qualitative, Quantitative

_LAG_STEP = Decimal("0.0001")
ONE = Decimal(1)


def target_warnings(
    target: TargetFact, clause: WarningClause, months: range, year: int
) -> list[TargetWarning]:
    """The target's warnings in `months`; a month that reaches no threshold (level
    `none`) is left out, so the list is the warning board itself."""
    thresholds = clause.thresholds  # the rulebook keeps them rising
    out = []
    for month, lag in _lags(target, months):
        level = _level(thresholds, lag)
        if level is None:
            continue
        values = {
            "target_id": target.id,
            "unit_id": target.unit_id,
            "month": f"{year}-{month:02d}",
            "level": level.level,
            "lag": lag.quantize(_LAG_STEP),
            "remind": tuple(level.remind),
            "clause_id": clause.id,
        }
        out.append(built(TargetWarning, values))
    return out


def _level(thresholds: Sequence[WarningThreshold], lag: Decimal) -> WarningThreshold | None:
    reached = None
    for threshold in thresholds:
        if lag >= threshold.lag_at_least:
            reached = threshold
    return reached


def _lags(target: TargetFact, months: range) -> list[tuple[int, Decimal]]:
    measure = target.spec.measure
    out = []
    if isinstance(measure, Quantitative):
        actual = measure.baseline
        for month in range(1, months.stop):
            report = target.reports.get(month)
            if report is not None and report.status != "rejected" and report.value is not None:
                actual = report.value
            if month in months:
                out.append((month, _quantitative_lag(measure, month, actual)))
        return out
    return _qualitative_lags(target, measure, months)


def _quantitative_lag(measure: Quantitative, month: int, actual: Decimal) -> Decimal:
    planned = measure.schedule[month - 1] - measure.baseline
    if planned <= 0:
        return ZERO
    return min(max((planned - (actual - measure.baseline)) / planned, ZERO), ONE)


def _qualitative_lags(
    target: TargetFact, measure: Qualitative, months: range
) -> list[tuple[int, Decimal]]:
    keys = frozenset(m.key for m in measure.milestones)
    due = [0] * 13  # milestones due by the end of each month
    for milestone in measure.milestones:
        due[milestone.due_month] += 1
    done: set[str] = set()
    planned, out = 0, []
    for month in range(1, months.stop):
        planned += due[month]
        report = target.reports.get(month)
        if report is not None and report.status != "rejected":
            done |= keys.intersection(report.milestones)
        if month in months and planned > len(done):
            out.append((month, Decimal(planned - len(done)) / planned))
        elif month in months:
            out.append((month, ZERO))
    return out
