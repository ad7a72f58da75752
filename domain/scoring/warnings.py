"""Dynamic warnings (动态预警, seed 001 格尔木): how far each target lags behind its monthly
schedule (序时进度), and whom the level reminds (警铃 → filler, 黄牌 → leader in charge,
红牌 → main leader, as the rulebook states).

The lags are rulebook-free (`progress`); the rulebook's thresholds turn them into levels.
A month that reaches no threshold (level `none`) is left out, so the list is the warning
board itself (and a city replay does not build ~700k empty records).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from uuid import UUID

from domain.rulebook.model import WarningClause, WarningThreshold
from domain.scoring.construct import built
from domain.scoring.facts import Key
from domain.scoring.progress import TargetProgress
from domain.scoring.result import TargetWarning


def target_warnings(
    progress: TargetProgress,
    clause: WarningClause,
    month_texts: Sequence[str],
    uuid_of: Callable[[Key], UUID],
) -> list[TargetWarning]:
    """The target's warnings, month by month; `month_texts[m]` is month m as text."""
    thresholds = clause.thresholds  # the rulebook keeps them rising, and has at least one
    lowest = thresholds[0].lag_at_least
    out: list[TargetWarning] = []
    target = progress.target
    for month, lag, shown in progress.lags:
        if lag < lowest:
            continue
        level = _level(thresholds, lag)
        values = {
            "target_id": uuid_of(target.id),
            "unit_id": uuid_of(target.unit_id),
            "month": month_texts[month],
            "level": level.level,
            "lag": shown,
            "remind": tuple(level.remind),
            "clause_id": clause.id,
        }
        out.append(built(TargetWarning, values))
    return out


def _level(thresholds: Sequence[WarningThreshold], lag: Decimal) -> WarningThreshold:
    reached = thresholds[0]
    for threshold in thresholds:
        if lag >= threshold.lag_at_least:
            reached = threshold
    return reached
