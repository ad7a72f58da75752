"""Projection lag and ranking reads (issue 5 point 7), on PostgreSQL.

    python -m benchmarks.projection_lag [--units 150] [--rates 20,50] [--seconds 20]
                                        [--rounds 3]

A year of `--units` towns (one 150-unit category) with full 100-point lists is prepared
through the application's commands in a scratch database; the projections then follow
the log in their own process (`dukao project --follow`, as a server's thread would).
Each round, writers commit progress reports and their verifications at a sustained
rate; a watcher polls the rankings view's tracked position every 2 ms, and the lag of a
command is the time from its commit to the moment the rankings view holds it. Beside it,
in the same round, the floor: a raw INSERT + NOTIFY committed by psycopg and heard by a
LISTENing psycopg connection (the least any commit-to-reader propagation costs).

Ranking reads: the application's `ranking` query for the 150-unit category (an indexed
read of the view, no replay) against one raw SQL statement selecting the same rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import psycopg
from psycopg import sql

from benchmarks.environment import describe_machine
from benchmarks.scratch import postgres_database, server_version
from benchmarks.stats import Figure, Rate, render_table
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.settings import Settings
from tests.builders import REVIEWER, YEAR, enrolled_unit, filler, full_list, open_year

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
SCHEMA = "lag"


class Watcher:
    """Polls a view's tracked position; remembers when each new position appeared."""

    def __init__(self, url: str, view: str) -> None:
        self.conn = psycopg.connect(url, autocommit=True)
        self.query = sql.SQL(
            "SELECT notification_id FROM {}.assessment_tracking WHERE application_name = %s"
        ).format(sql.Identifier(SCHEMA))
        self.view, self.seen = view, [(0, 0.0)]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def position(self) -> int:
        row = self.conn.execute(self.query, (self.view,)).fetchone()
        return int(row[0]) if row else 0  # type: ignore[call-overload]

    def _poll(self) -> None:
        while not self.stop.is_set():
            position = self.position()
            if position > self.seen[-1][0]:
                self.seen.append((position, time.perf_counter()))
            time.sleep(0.002)

    def visible_at(self, position: int) -> float | None:
        for seen, at in self.seen:
            if seen >= position:
                return at
        return None


class Writer:
    """Reports and verifications of quantitative targets, one command at a time."""

    def __init__(self, url: str, units: int) -> None:
        self.clock = ManualClock(datetime(YEAR, 12, 20, 9, tzinfo=OFFICE_TZ))
        self.app = build_application(Settings(url), clock=self.clock, ids=SeededIds(9))
        open_year(self.app)
        self.targets = []
        for number in range(units):
            unit = enrolled_unit(self.app, f"T{number:03d}")
            listed = full_list(self.app, unit)
            self.targets += [(unit, target) for target in listed[1::2]]  # the quantitative
        self._next = self._commands()

    def _commands(self):  # type: ignore[no-untyped-def]
        for month in range(1, 13):
            for unit, target in self.targets:
                period = f"{YEAR}-{month:02d}"
                value = Decimal(month) * Decimal("0.9")
                progress = Progress(value=value, narrative="按序时推进")
                yield lambda u=unit, t=target, p=period, v=progress: self.app.report_progress(
                    year=YEAR, unit_id=u, target_id=t, period=p, progress=v, by=filler(u)
                )
                yield lambda u=unit, t=target, p=period: self.app.verify_progress(
                    year=YEAR, unit_id=u, target_id=t, period=p, approve=True, by=REVIEWER
                )

    def one(self) -> int:
        """Run the next command; the log position it committed at."""
        next(self._next)()
        return self.app.recorder.max_notification_id() or 0


def lag_round(writer: Writer, watcher: Watcher, rate: float, seconds: float) -> list[float]:
    commits: list[tuple[int, float]] = []
    start, count = time.perf_counter(), int(rate * seconds)
    for index in range(count):
        due = start + index / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        position = writer.one()
        commits.append((position, time.perf_counter()))
    deadline = time.perf_counter() + 30
    while watcher.seen[-1][0] < commits[-1][0] and time.perf_counter() < deadline:
        time.sleep(0.01)
    lags = []
    for position, committed in commits:
        visible = watcher.visible_at(position)
        if visible is None:
            raise RuntimeError(f"position {position} never became visible")
        lags.append(max(0.0, visible - committed))
    return lags


def notify_floor(url: str, count: int, rate: float) -> list[float]:
    """A raw INSERT + NOTIFY committed, until a LISTENing connection hears it."""
    with psycopg.connect(url) as writer, psycopg.connect(url, autocommit=True) as listener:
        writer.execute("CREATE TABLE IF NOT EXISTS floor_notify (id bigserial, at float8)")
        writer.commit()
        listener.execute("LISTEN floor_notify")
        lags = []
        for _ in range(count):
            writer.execute("INSERT INTO floor_notify (at) VALUES (0)")
            writer.execute("NOTIFY floor_notify")
            writer.commit()
            committed = time.perf_counter()
            for _ in listener.notifies(timeout=5, stop_after=1):
                break
            lags.append(time.perf_counter() - committed)
            time.sleep(1 / rate)
        return lags


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def ranking_reads(url: str, app_url: str, seconds: float) -> tuple[Rate, Rate]:
    app = build_application(Settings(app_url))
    try:
        period, category = f"{YEAR}-12", "town"
        started, count = time.perf_counter(), 0
        while time.perf_counter() - started < seconds:
            rows = app.ranking(year=YEAR, period=period, category=category)
            count += 1
        app_rate = Rate(count, time.perf_counter() - started)
        assert len(rows) > 0
    finally:
        app.close()
    statement = sql.SQL(
        "SELECT unit_id, code, name, score, rank, size, grade, grade_clause, previous_rank, "
        "previous_score FROM {}.view_rankings WHERE year_id = %s AND period = %s "
        "AND category = %s AND valid_to IS NULL ORDER BY rank"
    ).format(sql.Identifier(SCHEMA))
    with psycopg.connect(url) as conn:
        [(year_id,)] = conn.execute(
            sql.SQL("SELECT DISTINCT year_id FROM {}.view_rankings").format(sql.Identifier(SCHEMA))
        ).fetchall()
        started, count = time.perf_counter(), 0
        while time.perf_counter() - started < seconds:
            conn.execute(statement, (year_id, period, category), prepare=True).fetchall()
            conn.commit()
            count += 1
        floor_rate = Rate(count, time.perf_counter() - started)
    return app_rate, floor_rate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.projection_lag")
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--rates", default="20,50", help="commands per second, comma separated")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pg", default=DEFAULT_ADMIN)
    options = parser.parse_args(argv)
    with postgres_database(options.pg) as url:
        report = run(url, options)
        print(report)
        print(describe_machine(server_version(url)))
    return 0


def run(url: str, options: argparse.Namespace) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    app_url = f"{url}?schema={SCHEMA}"
    print(f"preparing {options.units} units …", flush=True)
    writer = Writer(app_url, options.units)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "infrastructure.cli", "project", "--follow", "-d", app_url]
    follower = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    watcher = Watcher(url, "rankings")
    try:
        head = writer.app.recorder.max_notification_id() or 0
        while watcher.position() < head:
            time.sleep(0.1)
        watcher.thread.start()
        lines = _lag_rounds(url, writer, watcher, options)
        category = f"ranking reads, {options.units}-unit category (application)"
        reads = Figure("postgres", category, "reads/s")
        raw = Figure("postgres", "the same rows by one raw SELECT", "reads/s")
        reads.floor = raw
        for _ in range(options.rounds):
            app_rate, floor_rate = ranking_reads(url, app_url, 3.0)
            reads.add(app_rate)
            raw.add(floor_rate)
        return "\n".join([*lines, "", render_table([raw, reads])])
    finally:
        watcher.stop.set()
        follower.terminate()
        follower.wait(timeout=30)
        writer.app.close()


def _lag_rounds(
    url: str, writer: Writer, watcher: Watcher, options: argparse.Namespace
) -> list[str]:
    lines = [
        "| writers | measure | p50 (rounds) | p99 (rounds) |",
        "| --- | --- | ---: | ---: |",
    ]
    for rate in (float(r) for r in options.rates.split(",")):
        app_rounds, floor_rounds = [], []
        for number in range(options.rounds):
            app_rounds.append(lag_round(writer, watcher, rate, options.seconds))
            floor_rounds.append(notify_floor(url, int(rate * 5), rate))
            print(f"rate {rate:g}/s round {number + 1}: p99 "
                  f"{percentile(app_rounds[-1], 0.99) * 1e3:.1f} ms", flush=True)  # fmt: skip
        lines.append(_lag_line(f"{rate:g} commands/s", "commit → rankings view", app_rounds))
        lines.append(
            _lag_line(f"{rate:g} commands/s", "raw NOTIFY → listener (floor)", floor_rounds)
        )
    return lines


def _lag_line(writers: str, measure: str, rounds: list[list[float]]) -> str:
    p50 = [percentile(r, 0.50) * 1e3 for r in rounds]
    p99 = [percentile(r, 0.99) * 1e3 for r in rounds]
    cell = lambda values: (  # noqa: E731
        f"{statistics.median(values):.1f} ms ({' / '.join(f'{v:.1f}' for v in values)})"
    )
    return f"| {writers} | {measure} | {cell(p50)} | {cell(p99)} |"


if __name__ == "__main__":
    raise SystemExit(main())
