"""Ranking within a category (分类排位): by total, then the rulebook's tie-breakers.

A unit under an override that puts it last (一票否决) goes below every other unit of its
category; several such units are ordered among themselves by the same rules. The unit
code and then the unit id close every tie, so ranks are always 1..n without repeats.

Every month is ranked from the ledgers' running totals: one sort per category and month.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from domain.rulebook.model import TieBreaker
from domain.scoring.facts import Key

if TYPE_CHECKING:
    from domain.scoring.ledger import UnitLedger

Ranking = dict[Key, tuple[int, int]]  # unit → (rank, size of its category)
MONTHS = range(1, 13)


def _sort_key(
    ledgers: Mapping[Key, UnitLedger],
    labels: Mapping[Key, tuple[str, str]],
    tie_breakers: Sequence[TieBreaker],
    month: int,
) -> Callable[[Key], tuple[object, ...]]:
    def key(unit_id: Key) -> tuple[object, ...]:
        ledger, (code, text) = ledgers[unit_id], labels[unit_id]
        keys: list[object] = [ledger.last[month], -ledger.totals[month]]
        for breaker in tie_breakers:
            if breaker == "target_points":
                keys.append(-ledger.target_points[month])
            elif breaker == "fewer_deductions":
                keys.append(ledger.deductions[month])
            else:
                keys.append(code)
        keys += (code, text)
        return tuple(keys)

    return key


def monthly_rankings(
    roster: Mapping[Key, str],
    ledgers: Mapping[Key, UnitLedger],
    labels: Mapping[Key, tuple[str, str]],
    tie_breakers: Sequence[TieBreaker],
) -> dict[int, Ranking]:
    """Each month's ranking; `labels` gives each unit's (code, id as text)."""
    categories: dict[str, list[Key]] = {}
    for unit_id, category in roster.items():
        categories.setdefault(category, []).append(unit_id)
    rankings: dict[int, Ranking] = {month: {} for month in MONTHS}
    for units in categories.values():
        size = len(units)
        for month in MONTHS:
            ranking = rankings[month]
            order = sorted(units, key=_sort_key(ledgers, labels, tie_breakers, month))
            for position, unit_id in enumerate(order, 1):
                ranking[unit_id] = (position, size)
    return rankings
