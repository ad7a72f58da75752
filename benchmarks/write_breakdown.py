"""Where one `report_progress` command's time goes on PostgreSQL, per command.

    python -m benchmarks.write_breakdown [--reports 300]

Times (this thread's CPU and wall clock) the parts of the single-command path by
wrapping them for one month of reports, and counts the statements sent, beside the
raw single-row commit measured in the same run. Parts are inclusive: "reads" contains
its "fast-forward SELECTs" and "deepcopy". The wrappers cost a little themselves, so
use benchmarks.write_path for rates and this for proportions.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from eventsourcing import application as es_application

from benchmarks.app_path import ReportingYear
from benchmarks.scratch import scratch_store
from benchmarks.write_path import DEFAULT_ADMIN
from domain.reports.monthly_return import MonthlyReturn
from infrastructure.store.one_trip import OneTripRecorder
from infrastructure.store.prepared_call import PreparedCall
from infrastructure.store.serialization import PydanticMapper

Totals = defaultdict[str, list[float]]

PARTS: list[tuple[str, Any, str]] = [
    ("reads (repository.get)", es_application.Repository, "get"),
    ("  SELECTs of events (cache misses)", OneTripRecorder, "select_events"),
    ("  copy of the cached aggregate", es_application, "deepcopy"),
    ("domain: MonthlyReturn.report", MonthlyReturn, "report"),
    ("save (application.save)", es_application.Application, "save"),
    ("  mapper: event to JSON", PydanticMapper, "to_stored_event"),
    ("  store call (one trip)", OneTripRecorder, "insert_events"),
    ("statements through a cursor", psycopg.Cursor, "execute"),
    ("statements through libpq (the store call)", PreparedCall, "rows"),
]


def _timed(label: str, func: Callable[..., Any], totals: Totals) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            entry = totals[label]
            entry[0] += time.thread_time() - cpu
            entry[1] += time.perf_counter() - wall
            entry[2] += 1

    return timed


def breakdown(reports: int) -> str:
    totals: Totals = defaultdict(lambda: [0.0, 0.0, 0.0])
    with scratch_store("postgres", DEFAULT_ADMIN) as store:
        year = ReportingYear(store.fresh_app_url("breakdown"), reports=reports)
        floor = store.floor()
        try:
            year.time_month(1)  # a warm cache, as a running service has
            originals = [(owner, name, getattr(owner, name)) for _, owner, name in PARTS]
            for (label, owner, name), (_, _, func) in zip(PARTS, originals, strict=True):
                setattr(owner, name, _timed(label, func, totals))
            cpu, wall = time.thread_time(), time.perf_counter()
            try:
                year.time_month(2)
            finally:
                for owner, name, func in originals:
                    setattr(owner, name, func)
            whole = (time.thread_time() - cpu, time.perf_counter() - wall)
            floor_cpu, floor_rate = time.thread_time(), floor.single_row_commits(reports)
            floor_cpu = time.thread_time() - floor_cpu
        finally:
            year.close()
            floor.close()
    lines = [
        "| part | CPU ms/command | wall ms/command | calls/command |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines.append(
        f"| whole command | {1e3 * whole[0] / reports:.2f} | {1e3 * whole[1] / reports:.2f} | 1 |"
    )
    for label, (cpu_s, wall_s, calls) in totals.items():
        lines.append(
            f"| {label} | {1e3 * cpu_s / reports:.2f} | {1e3 * wall_s / reports:.2f} "
            f"| {calls / reports:.1f} |"
        )
    lines.append(
        f"| raw single-row commit (same run) | {1e3 * floor_cpu / reports:.2f} "
        f"| {1e3 / floor_rate.per_second:.2f} | 3 statements |"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.write_breakdown")
    parser.add_argument("--reports", type=int, default=300)
    print(breakdown(parser.parse_args(argv).reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
