"""Runs the demo's commands one by one, moving the manual clock through office hours and
counting what was done for the progress bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import ParamSpec, TypeVar

from domain.periods import OFFICE_TZ
from infrastructure.clock import ManualClock

P = ParamSpec("P")
R = TypeVar("R")


def office_time(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in office time (UTC+8); month 13 is January of the next year."""
    if month == 13:
        year, month = year + 1, 1
    return datetime(year, month, day, hour, minute, tzinfo=OFFICE_TZ)


class Driver:
    """Spreads each phase's commands evenly over its window of office time, so every
    event has a plausible, strictly rising recorded-at time."""

    def __init__(
        self,
        clock: ManualClock,
        *,
        total: int,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.clock = clock
        self.total = total
        self.done = 0
        self._on_progress = on_progress
        self._every = max(1, total // 500)
        self._next = clock.now()
        self._step = timedelta(seconds=1)

    def window(self, start: datetime, end: datetime, count: int) -> None:
        self._next = start.astimezone(UTC)
        self._step = (end - start) / max(count, 1)

    def run(self, command: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        self.clock.set(self._next)
        self._next += self._step
        result = command(*args, **kwargs)
        self.done += 1
        if self._on_progress and (self.done % self._every == 0 or self.done == self.total):
            self._on_progress(self.done, self.total)
        return result
