"""The scale run (issue 9 point 5): generated years written, projected and replayed on
PostgreSQL, stage by stage, beside the raw psycopg floors measured in the same run.

    python -m benchmarks.scale [--size city] [--jurisdictions 1] [--keep]

`--size` is a demo size (county ≈ 188k events, city ≈ 1M); `--jurisdictions N` gives a
province-like run: N jurisdictions of that size, each with its own schema (its own log),
written one after another. Stages, each in a fresh child process (its own peak memory):

  write    the demo generator's commands, their events written 1,000 commands a
           transaction (application/batching.py): every rule checked, every event chained
  project  `dukao rebuild`: every view projected from the whole log
  replay   the closed year under the revised rulebook, with the diff (`dukao replay`)

Floors, in the same database and run: COPY of as many rows shaped like stored events, and
batched INSERTs of 1,000 rows per transaction. Rates are events (rows) per second.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql

from benchmarks.environment import describe_machine
from benchmarks.floors import PostgresFloor
from benchmarks.scratch import postgres_database, server_version

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REVISED = ROOT / "rulebooks" / "revised-2025.yaml"
YEAR, SEED = 2025, 2025
STAGES = ("write", "project", "replay")


def child(stage: str, url: str, size: str) -> dict[str, float]:
    from domain.periods import OFFICE_TZ
    from infrastructure.bootstrap import build_application
    from infrastructure.clock import ManualClock, SeededIds
    from infrastructure.settings import Settings

    started, cpu = time.perf_counter(), time.process_time()
    if stage == "write":
        from infrastructure.demo.generator import generate_year

        clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
        app = build_application(Settings(url), clock=clock, ids=SeededIds(SEED))
        events = generate_year(app, clock, size=size, seed=SEED, year=YEAR, batch=1000).events
    elif stage == "project":
        from infrastructure.views.wiring import projection_runner

        app = build_application(Settings(url))
        runner = projection_runner(app, Settings(url))
        runner.rebuild([])
        runner.start()
        events = runner.catch_up()
    else:
        from infrastructure.cli_replay import load_rulebook

        app = build_application(Settings(url))
        replay = app.replay_year(year=YEAR, rulebook=load_rulebook(REVISED))
        assert replay.diff.units
        events = app.recorder.max_notification_id() or 0
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    app.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"events": events, "seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak}


def run_child(stage: str, url: str, size: str) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.scale", "--child", stage, "--url", url]
    out = subprocess.run(
        [*command, "--size", size], check=False, capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        raise RuntimeError(f"{stage} failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def floors(url: str, rows: int) -> dict[str, float]:
    """COPY and batched INSERT of `rows` rows shaped like stored events."""
    floor = PostgresFloor(url)
    try:
        copy = floor.batched(max(1, rows // 10_000), 10_000)
        with floor.conn.cursor() as cur:
            started = time.perf_counter()
            for _ in range(max(1, rows // 1000)):
                cur.executemany(
                    "INSERT INTO floor_events (originator_id, originator_version, topic, state) "
                    "VALUES (%s, %s, %s, %s)",
                    [(uuid.uuid4(), 1, "t", floor.state) for _ in range(1000)],
                )
                floor.conn.commit()
            inserted = max(1, rows // 1000) * 1000 / (time.perf_counter() - started)
    finally:
        floor.close()
    return {"copy": copy.per_second, "insert": inserted}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--size", default="city")
    parser.add_argument("--jurisdictions", type=int, default=1)
    parser.add_argument("--pg", default=DEFAULT_ADMIN)
    parser.add_argument("--child")
    parser.add_argument("--url")
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(child(options.child, options.url, options.size)))
        return 0
    with postgres_database(options.pg) as url:
        lines = run(url, options.size, options.jurisdictions)
        print("\n".join(lines))
        print(describe_machine(server_version(url)))
    return 0


def run(url: str, size: str, jurisdictions: int) -> list[str]:
    lines = [
        "| jurisdiction | stage | events | seconds | events/s | peak RSS "
        "| floor (COPY / batched INSERT) |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for number in range(1, jurisdictions + 1):
        schema = f"j{number}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        store = f"{url}?schema={schema}"
        for stage in STAGES:
            result = run_child(stage, store, size)
            events = int(result["events"])
            floor = floors(url, events if stage == "write" else min(events, 200_000))
            rate = events / result["seconds"]
            lines.append(
                f"| {schema} ({size}) | {stage} | {events:,} | {result['seconds']:,.1f} "
                f"| {rate:,.0f} | {result['peak_mb']:,.0f} MB "
                f"| {floor['copy']:,.0f} / {floor['insert']:,.0f} rows/s |"
            )
            print(lines[-1], flush=True)
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
