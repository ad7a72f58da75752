"""Ranking within a category (分类排位): by total, then the rulebook's tie-breakers.

A unit under an override that puts it last (一票否决) goes below every other unit of its
category; several such units are ordered among themselves by the same rules. The unit
code and then the unit id close every tie, so ranks are always 1..n without repeats.

Every month is ranked from the ledgers' running totals: one sort per category and month.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from domain.rulebook.model import TieBreaker
from domain.scoring.facts import Key

if TYPE_CHECKING:
    from domain.scoring.ledger import UnitLedger

Ranking = dict[Key, tuple[int, int]]  # unit → (rank, size of its category)
MONTHS = range(1, 13)


def _month_keys(
    ledger: UnitLedger, label: tuple[str, str], tie_breakers: Sequence[TieBreaker]
) -> list[tuple[object, ...]]:
    """The unit's sort key for each month (index = month): last-place override first,
    then the total, the tie-breakers, the code and the id."""
    code, text = label
    columns: list[Sequence[object]] = [ledger.last, [-total for total in ledger.totals]]
    for breaker in tie_breakers:
        if breaker == "target_points":
            columns.append([-points for points in ledger.target_points])
        elif breaker == "fewer_deductions":
            columns.append(ledger.deductions)
        else:
            columns.append([code] * 13)
    columns += ([code] * 13, [text] * 13)
    return list(zip(*columns, strict=True))


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
        keys = {unit: _month_keys(ledgers[unit], labels[unit], tie_breakers) for unit in units}
        for month in MONTHS:
            ranking = rankings[month]
            order = sorted(units, key=lambda unit: keys[unit][month])
            for position, unit_id in enumerate(order, 1):
                ranking[unit_id] = (position, size)
    return rankings
