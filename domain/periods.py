"""Periods of an assessment year: months, quarters, half-years and the year.

Months are what offices close, one after another; quarters, halves and the year are
rolled up from them for rankings (按月通报、季度考核、年底汇总, seed 000).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from functools import total_ordering

from domain.errors import InvalidInput


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


_PATTERNS = {
    PeriodKind.MONTH: re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    PeriodKind.QUARTER: re.compile(r"^(\d{4})-Q([1-4])$"),
    PeriodKind.HALF: re.compile(r"^(\d{4})-H([12])$"),
    PeriodKind.YEAR: re.compile(r"^(\d{4})$"),
}
_MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}


@total_ordering
class Period:
    """A period by its canonical text: `2025-03`, `2025-Q1`, `2025-H1` or `2025`."""

    __slots__ = ("index", "kind", "year")

    def __init__(self, year: int, kind: PeriodKind, index: int) -> None:
        self.year = year
        self.kind = kind
        self.index = index

    @classmethod
    def parse(cls, text: str, *, field: str = "period") -> Period:
        for kind, pattern in _PATTERNS.items():
            match = pattern.match(text)
            if match:
                index = int(match.group(2)) if kind is not PeriodKind.YEAR else 1
                return cls(int(match.group(1)), kind, index)
        raise InvalidInput(
            f"'{text}' is not a period (use 2025-03, 2025-Q1, 2025-H1 or 2025)", field=field
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, PeriodKind.MONTH, month)

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS_IN[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.index * _MONTHS_IN[self.kind]

    def months(self) -> list[Period]:
        return [Period.month(self.year, m) for m in range(self.first_month, self.last_month + 1)]

    def contains(self, month: Period) -> bool:
        return month.year == self.year and self.first_month <= month.first_month <= self.last_month

    @property
    def starts_on(self) -> date:
        return date(self.year, self.first_month, 1)

    def next_month(self) -> Period:
        if self.kind is not PeriodKind.MONTH:
            raise InvalidInput("only months have a next month", field="period")
        if self.index == 12:
            return Period.month(self.year + 1, 1)
        return Period.month(self.year, self.index + 1)

    def __str__(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        return f"{self.year}"

    def __repr__(self) -> str:
        return f"Period('{self}')"

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.last_month, _MONTHS_IN[self.kind])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Period) and str(self) == str(other)

    def __lt__(self, other: Period) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(str(self))


def months_of(year: int) -> list[Period]:
    return [Period.month(year, m) for m in range(1, 13)]


# Offices keep China Standard Time; deadlines and month ends are judged in it.
OFFICE_TZ = timezone(timedelta(hours=8))


def due_instant(month: Period, due_day: int) -> datetime:
    """The end of `due_day` of the month after `month`, office time."""
    following = month.next_month()
    return datetime(following.year, following.index, due_day, 23, 59, 59, 999999, OFFICE_TZ)
