"""A generated tiny year (8 units in two categories, every view populated), followed by
the projections as it is written so the views hold many checkpoints, served in process.
Tests of the view queries read it and never change it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.periods import OFFICE_TZ
from domain.scoring.result import YearResult
from infrastructure.clock import ManualClock
from infrastructure.demo.generator import generate_year
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.api.harness import Api, served

YEAR = 2025


@dataclass
class ViewsYear:
    api: Api
    official: YearResult

    def units(self, category: str) -> list[UUID]:
        return [u.unit_id for u in self.official.units if u.category == category]

    @property
    def categories(self) -> list[str]:
        return sorted({u.category for u in self.official.units})


@contextmanager
def views_year(url: str) -> Iterator[ViewsYear]:
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    with served(url, clock=clock) as api:
        runner = projection_runner(api.app, Settings(url))
        runner.start()
        ticks = [0]

        def follow(done: int, total: int) -> None:
            ticks[0] += 1
            if ticks[0] % 8 == 0:
                runner.catch_up()

        try:
            generate_year(api.app, clock, size="tiny", seed=11, on_progress=follow)
            runner.catch_up()
        finally:
            runner.log.close()  # type: ignore[attr-defined]
        yield ViewsYear(api, api.app.official_result(year=YEAR))
