"""Ranking within a category (分类排位): by total, then the rulebook's tie-breakers.

A unit under an override that puts it last (一票否决) goes below every other unit of its
category; several such units are ordered among themselves by the same rules. The unit
code and then the unit id close every tie, so ranks are always 1..n without repeats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.rulebook.model import TieBreaker


@dataclass(slots=True, frozen=True)
class Contender:
    unit_id: UUID
    code: str
    total: Decimal
    target_points: Decimal
    deductions: Decimal
    last: bool


def _key(contender: Contender, tie_breakers: Sequence[TieBreaker]) -> tuple[object, ...]:
    keys: list[object] = [contender.last, -contender.total]
    for breaker in tie_breakers:
        if breaker == "target_points":
            keys.append(-contender.target_points)
        elif breaker == "fewer_deductions":
            keys.append(contender.deductions)
        else:
            keys.append(contender.code)
    keys.extend((contender.code, str(contender.unit_id)))
    return tuple(keys)


def ranked(contenders: Sequence[Contender], tie_breakers: Sequence[TieBreaker]) -> list[Contender]:
    """The category's units, first place first."""
    return sorted(contenders, key=lambda c: _key(c, tie_breakers))
