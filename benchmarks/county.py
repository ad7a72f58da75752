"""The demo generator's county year as a write benchmark: every command a real one.

`generate_year` drives a whole assessment year (proposals, four-level reviews, twelve
months of reports, verifications and closes, incidents, scoring) through the
application's commands, one transaction each, into an empty store. Its events per
second are set beside the raw batched insert, its commands per second beside the raw
single-row commit, both measured just before and just after on the same store.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import datetime

from benchmarks.floors import PostgresFloor, SQLiteFloor
from benchmarks.scratch import ScratchStore
from benchmarks.stats import Figure, Rate, joined
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import GenerationReport, generate_year
from infrastructure.settings import Settings

SEED = 2025
YEAR = 2025
FLOOR_ROWS = 500  # single-row commits on each side of the generation
FLOOR_BATCHES = 10  # of batch_size rows, on each side


def generate(url: str, size: str) -> GenerationReport:
    """One generated year on a fresh store, the way `dukao generate` makes it."""
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(Settings(url), clock=clock, ids=SeededIds(SEED))
    try:
        return generate_year(
            app, clock, size=size, seed=SEED, year=YEAR, on_progress=_progress(size)
        )
    finally:
        app.close()


def county_figures(store: ScratchStore, *, size: str, rounds: int, batch: int) -> list[Figure]:
    name = f"{size} generation"
    single = Figure(store.kind, f"raw single-row commit (around {size})", "rows/s")
    batched = Figure(store.kind, f"raw batched insert ({batch}/txn, around {size})", "rows/s")
    events = Figure(store.kind, f"{name}: events", "events/s", floor=batched)
    commands = Figure(store.kind, f"{name}: commands", "commands/s", floor=single)
    floor = store.floor()
    try:
        for number in range(1, rounds + 1):
            before = _floors(floor, batch)
            report = generate(store.fresh_app_url("county"), size)
            after = _floors(floor, batch)
            single.add(joined(before[0], after[0]))
            batched.add(joined(before[1], after[1]))
            events.add(Rate(report.events, report.seconds))
            commands.add(Rate(report.commands, report.seconds))
            print(
                f"[{store.kind}] {size} round {number}: {report.commands:,} commands, "
                f"{report.events:,} events in {report.seconds:,.0f} s",
                flush=True,
            )
    finally:
        floor.close()
    return [single, batched, events, commands]


def _floors(floor: PostgresFloor | SQLiteFloor, batch: int) -> tuple[Rate, Rate]:
    return floor.single_row_commits(FLOOR_ROWS), floor.batched(FLOOR_BATCHES, batch)


def _progress(size: str) -> Callable[[int, int], None]:
    """A line on stderr at every tenth of the year: a county run takes many minutes."""
    shown, started = [0], time.perf_counter()

    def on_progress(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > shown[0]:
            shown[0] = tenth
            seconds = time.perf_counter() - started
            print(
                f"  {size}: {done:,}/{total:,} commands in {seconds:,.0f} s "
                f"({done / seconds:,.0f} commands/s so far)",
                file=sys.stderr,
                flush=True,
            )

    return on_progress
