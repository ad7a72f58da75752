"""Consequences across years (DOMAIN.md §4; seed 000 南江县 and 平昌县, seed 001 格尔木).

Read from the unit's results of the years just before, by unit id, each year in the
category the unit was ranked in that year: bottom three (后三位) two or three years
running, last (最后一位) two years running, and first place this year or excellent two
years running (考核第一名或连续两年为优秀). "Running" means consecutive calendar years; a
year the unit was not assessed breaks the run. A unit without awards (一票否决) earns no
positive consequence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from domain.rulebook.model import Consequence
from domain.scoring.result import YearResult
from domain.vocabulary import Grade


@dataclass(slots=True, frozen=True)
class Placing:
    rank: int
    size: int
    grade: Grade
    awards_allowed: bool

    @property
    def bottom_three(self) -> bool:
        return self.rank > self.size - 3

    @property
    def last(self) -> bool:
        return self.rank == self.size


History = dict[int, dict[UUID, Placing]]


def history_of(prior: Sequence[YearResult]) -> History:
    out: History = {}
    for result in prior:
        sizes: dict[str, int] = {}
        for unit in result.units:
            sizes[unit.category] = sizes.get(unit.category, 0) + 1
        out[result.year] = {
            u.unit_id: Placing(u.rank, sizes[u.category], u.grade, u.awards_allowed)
            for u in result.units
        }
    return out


def consequences_of(
    unit_id: UUID, now: Placing, year: int, history: History, clauses: Sequence[Consequence]
) -> tuple[str, ...]:
    before = [history.get(year - back, {}).get(unit_id) for back in (1, 2)]
    return tuple(c.id for c in clauses if _holds(c.key, now, before))


def _holds(key: str, now: Placing, before: list[Placing | None]) -> bool:
    last_year, year_before = before
    if key == "bottom_three_two_years":
        return now.bottom_three and last_year is not None and last_year.bottom_three
    if key == "bottom_three_three_years":
        runs = [now, last_year, year_before]
        return all(p is not None and p.bottom_three for p in runs)
    if key == "last_two_years":
        return now.last and last_year is not None and last_year.last
    excellent_twice = (
        now.grade is Grade.EXCELLENT
        and last_year is not None
        and last_year.grade is Grade.EXCELLENT
    )
    return now.awards_allowed and (now.rank == 1 or excellent_twice)
