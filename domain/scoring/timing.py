"""Which month of the assessed year a fact counts from.

A decision counts from the period its metadata says it is about; without one, from the
month it was recorded in, in office time (UTC+8). Facts recorded before the year count
from January and facts recorded after it (year-end decisions, amendments) in December,
so every fact of the year is in the year's result.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from domain.periods import OFFICE_TZ, Period


@lru_cache(maxsize=4096)
def _period_end(text: str) -> tuple[int, int]:
    period = Period.parse(text, field="meta.effective_period")
    return period.year, period.last_month


def clamp(year: int, event_year: int, month: int) -> int:
    if event_year < year:
        return 1
    if event_year > year:
        return 12
    return month


def month_of_text(text: str, year: int) -> int:
    event_year, month = _period_end(text)
    return clamp(year, event_year, month)


def month_at(instant: datetime, year: int) -> int:
    local = instant.astimezone(OFFICE_TZ)
    return clamp(year, local.year, local.month)


def month_of(at: datetime, period: str | None, year: int) -> int:
    """The month a fact recorded at `at` about `period` (if it names one) counts from."""
    if period:
        return month_of_text(period, year)
    return month_at(at, year)
