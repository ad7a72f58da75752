"""Dynamic warnings (动态预警, seed 001 格尔木): how far each target lags behind its monthly
schedule (序时进度), and whom the level reminds (警铃 → filler, 黄牌 → leader in charge,
红牌 → main leader, as the rulebook states).

The lags are rulebook-free (`progress`); the rulebook's thresholds turn them into levels.
A month that reaches no threshold (level `none`) is left out, so the list is the warning
board itself (and a city replay does not build ~700k empty records).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any

from domain.rulebook.model import WarningClause
from domain.scoring.construct import built
from domain.scoring.progress import TargetProgress
from domain.scoring.result import TargetWarning
from domain.vocabulary import WarningLevel

_LAG_STEP = Decimal("0.0001")
Threshold = tuple[Decimal, WarningLevel, tuple[str, ...]]  # lag at least, level, remind


def thresholds_of(clause: WarningClause) -> list[Threshold]:
    """The clause's thresholds, rising (as the rulebook keeps them; it has at least one)."""
    return [(t.lag_at_least, t.level, tuple(t.remind)) for t in clause.thresholds]


def target_warnings(
    progress: TargetProgress,
    clause: tuple[str, list[Threshold]],
    month_texts: Sequence[str],
    records: dict[Hashable, Any],
) -> list[TargetWarning]:
    """The target's warnings, month by month; `clause` is the warning clause's id and
    thresholds, `month_texts[m]` month m as text, `records` the warnings built so far."""
    clause_id, thresholds = clause
    lowest = thresholds[0][0]
    out: list[TargetWarning] = []
    target = progress.target
    for month, lag in progress.lags:
        if lag < lowest:
            continue
        _, level, remind = _level(thresholds, lag)
        key = (target.id, month, level, lag, remind, clause_id)
        found = records.get(key)
        if found is None:
            values = {
                "target_id": progress.target_uuid,
                "unit_id": progress.unit_uuid,
                "month": month_texts[month],
                "level": level,
                "lag": lag.quantize(_LAG_STEP),  # reported to 4 places
                "remind": remind,
                "clause_id": clause_id,
            }
            found = records[key] = built(TargetWarning, values)
        out.append(found)
    return out


def _level(thresholds: Sequence[Threshold], lag: Decimal) -> Threshold:
    reached = thresholds[0]
    for threshold in thresholds:
        if lag >= threshold[0]:
            reached = threshold
    return reached
