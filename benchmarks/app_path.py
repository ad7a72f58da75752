"""The application's write path as a unit's filler uses it: one progress report a command.

A year is prepared through the application's own commands (the scenario builders the
tests use), then each round times fresh `report_progress` commands for one month:
target by target across all units, the way many fillers report at once, so the first
report of each unit opens its MonthlyReturn and the others add to a cached one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from application.app import AssessmentApplication
from benchmarks.stats import Rate
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Evidence, Progress
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.settings import Settings
from tests.builders import YEAR, enrolled_unit, filler, full_list, open_year

TARGETS_PER_UNIT = 10  # the builders' full 100-point list
PHOTO = Evidence(file_name="site.jpg", media_type="image/jpeg", sha256="ab" * 32, size=2048)


@dataclass(frozen=True)
class UnitTargets:
    unit_id: UUID
    target_ids: list[UUID]


class ReportingYear:
    """An application on a store, with a year whose units have approved full lists."""

    def __init__(self, store_url: str, *, reports: int) -> None:
        self.clock = ManualClock(datetime(YEAR, 1, 6, 9, 0, tzinfo=OFFICE_TZ))
        self.app: AssessmentApplication = build_application(
            Settings(store_url), clock=self.clock, ids=SeededIds(2025)
        )
        open_year(self.app)
        self.units = [
            UnitTargets(unit_id, full_list(self.app, unit_id))
            for unit_id in (
                enrolled_unit(self.app, f"T{n:03d}")
                for n in range(math.ceil(reports / TARGETS_PER_UNIT))
            )
        ]
        self.reports = reports

    def time_month(self, month: int) -> Rate:
        """`reports` single commands reporting `month`, each its own transaction."""
        self.clock.set(datetime(YEAR, max(month, 2), 3, 10, 0, tzinfo=OFFICE_TZ))
        period = f"{YEAR}-{month:02d}"
        report = self.app.report_progress
        started = time.perf_counter()
        for unit_id, target_id, progress in self._reports():
            report(
                year=YEAR,
                unit_id=unit_id,
                target_id=target_id,
                period=period,
                progress=progress,
                by=filler(unit_id),
            )
        return Rate(self.reports, time.perf_counter() - started)

    def _reports(self) -> Iterator[tuple[UUID, UUID, Progress]]:
        count = 0
        for index in range(TARGETS_PER_UNIT):
            progress = _progress(index)
            for unit in self.units:
                if count == self.reports:
                    return
                count += 1
                yield unit.unit_id, unit.target_ids[index], progress

    def close(self) -> None:
        self.app.close()


def _progress(index: int) -> Progress:
    """full_list alternates qualitative (even) and quantitative (odd) targets."""
    if index % 2:
        return Progress(value=Decimal("1.5"), narrative="完成路基1.5公里", evidence=[PHOTO])
    return Progress(milestones_done=["m1"], narrative="制度草案已印发", evidence=[PHOTO])
