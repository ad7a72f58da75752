"""Write-path benchmark: the application's write rates beside the raw driver's floor.

    python -m benchmarks.write_path [--rounds 3] [--reports 500] [--stores sqlite,postgres]
                                    [--county | --no-county] [--county-size county]

Single commands: each round on each store times, side by side, raw single-row commits,
the application's `report_progress` commands (one transaction each), raw single-row
commits again (the round's floor is both halves together, so drift during the round
hits both sides of the ratio), a raw single-row autocommit (PostgreSQL) and a raw
batched insert. County generation (--county): the demo generator's whole year, events/s
beside the batched floor and commands/s beside the single-row floor.

Medians over rounds, the spread, and ratios taken round by round are printed as a
Markdown table. PostgreSQL runs in a scratch database dropped at the end; SQLite in a
temporary directory. Nothing here weakens durability: both stores run as configured.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence

from benchmarks.app_path import ReportingYear
from benchmarks.county import county_figures
from benchmarks.environment import describe_machine
from benchmarks.floors import PostgresFloor
from benchmarks.scratch import ScratchStore, scratch_store
from benchmarks.stats import Figure, joined, render_table

DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
BATCH_SIZE = 1000
BATCHES = 10
MAX_ROUNDS = 11  # each round reports a month of its own, and the year has twelve


def main(argv: Sequence[str] | None = None) -> int:
    # A terminated run still drops its scratch database (the finally blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = _parser()
    options = parser.parse_args(argv)
    if not 1 <= options.rounds <= MAX_ROUNDS:
        parser.error(f"--rounds must be between 1 and {MAX_ROUNDS}")
    figures: list[Figure] = []
    pg_version = ""
    for kind in options.stores:
        with scratch_store(kind, options.pg) as store:
            pg_version = store.version or pg_version
            if options.single:
                figures += single_command_figures(store, options.reports, options.rounds)
            if options.county:
                figures += county_figures(
                    store,
                    size=options.county_size,
                    rounds=options.county_rounds,
                    batch=BATCH_SIZE,
                )
    print()
    print(describe_machine(pg_version))
    print()
    print(render_table(figures))
    return 0


def single_command_figures(store: ScratchStore, reports: int, rounds: int) -> list[Figure]:
    kind = store.kind
    single = Figure(kind, "raw single-row commit", "rows/s")
    autocommit = Figure(kind, "raw single-row autocommit", "rows/s", floor=single)
    batched = Figure(kind, f"raw batched insert ({BATCH_SIZE}/txn)", "rows/s")
    commands = Figure(kind, "report_progress, 1 command/txn", "commands/s", floor=single)
    print(f"[{kind}] preparing a year for {reports} reports a round …", flush=True)
    year = ReportingYear(store.fresh_app_url("reports"), reports=reports)
    floor = store.floor()
    try:
        for month in range(1, rounds + 1):
            before = floor.single_row_commits(reports // 2)
            commands.add(year.time_month(month))
            after = floor.single_row_commits(reports - reports // 2)
            single.add(joined(before, after))
            if isinstance(floor, PostgresFloor):
                autocommit.add(floor.single_row_autocommits(reports))
            batched.add(floor.batched(BATCHES, BATCH_SIZE))
            print(
                f"[{kind}] round {month}: {commands.values[-1]:,.0f} commands/s, "
                f"floor {single.values[-1]:,.0f} rows/s",
                flush=True,
            )
    finally:
        year.close()
        floor.close()
    return [single, *([autocommit] if autocommit.rates else []), batched, commands]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.write_path",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--rounds", type=int, default=3, help="rounds of single commands (default 3)")
    add("--reports", type=int, default=500, help="report_progress commands a round (500)")
    add("--stores", type=_stores, default=["sqlite", "postgres"], help="sqlite,postgres")
    add(
        "--single",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="time single report_progress commands (default on)",
    )
    add(
        "--county",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="time the demo generator's year too (a county year is ~180k commands: "
        "many minutes a round; default off)",
    )
    add("--county-size", default="county", help="demo size for --county (tiny, county)")
    add("--county-rounds", type=int, default=1, help="generated years per store (1)")
    add("--pg", default=DEFAULT_ADMIN, help="PostgreSQL URL to run CREATE DATABASE on")
    return parser


def _stores(text: str) -> list[str]:
    stores = [s.strip() for s in text.split(",") if s.strip()]
    if not stores or set(stores) - {"sqlite", "postgres"}:
        raise argparse.ArgumentTypeError(f"stores are sqlite and/or postgres, not {text!r}")
    return stores


if __name__ == "__main__":
    sys.exit(main())
