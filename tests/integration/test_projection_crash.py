"""A projection killed with SIGKILL in the middle of a batch, and started again, ends
with views equal to a rebuild: nothing written twice, nothing missing (issue 5 point 3).

The test holds an exclusive lock on one view's table, so the projection's next batch
blocks inside its transaction; the process is killed there, and the batch it had begun
must leave no trace."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime

import psycopg
import pytest
from psycopg import sql

from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.audit_trail import TABLE as AUDIT_TABLE
from tests.views import view_rows

pytestmark = pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def generated(store_url: str) -> int:
    clock = ManualClock(datetime(2025, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(Settings(store_url), clock=clock, ids=SeededIds(5))
    try:
        generate_year(app, clock, size="tiny", seed=5)
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def wait_for(condition: object, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_a_projection_killed_mid_batch_resumes_to_what_a_rebuild_gives(store_url: str) -> None:
    head = generated(store_url)
    database, schema = store_url.split("?schema=")
    env = dict(os.environ, PYTHONPATH=ROOT)
    command = [sys.executable, "-m", "infrastructure.cli", "project", "-d", store_url]
    with psycopg.connect(database, autocommit=True) as watcher:
        tracking = sql.SQL(
            "SELECT notification_id FROM {}.assessment_tracking WHERE application_name = %s"
        ).format(sql.Identifier(schema))

        def position() -> int:
            try:
                row = watcher.execute(tracking, ("audit_trail",)).fetchone()
            except psycopg.errors.UndefinedTable:
                return 0
            return int(row[0]) if row else 0  # type: ignore[call-overload]

        process = subprocess.Popen([*command, "--batch-size", "20"], env=env, cwd=ROOT)
        try:
            wait_for(lambda: position() > 0, "the projection's first commits")
            with psycopg.connect(database) as blocker:
                blocker.execute(
                    sql.SQL("LOCK TABLE {}.{} IN ACCESS EXCLUSIVE MODE").format(
                        sql.Identifier(schema), sql.Identifier(AUDIT_TABLE)
                    )
                )
                wait_for(lambda: _waiting_on(watcher, AUDIT_TABLE), "a batch blocked mid-way")
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
                blocker.rollback()
        finally:
            if process.poll() is None:
                process.kill()
        stopped_at = position()
    assert 0 < stopped_at < head
    assert process.returncode == -signal.SIGKILL

    app = build_application(Settings(store_url))
    try:
        resumed = projection_runner(app, Settings(store_url))
        resumed.start()
        assert resumed.position == stopped_at
        assert resumed.catch_up() == head
        after_restart = view_rows(resumed)
        rebuilt = projection_runner(app, Settings(store_url))
        rebuilt.rebuild([])
        rebuilt.start()
        rebuilt.catch_up()
        assert view_rows(rebuilt) == after_restart
        assert len(after_restart[AUDIT_TABLE]) == head
    finally:
        app.close()


def _waiting_on(conn: psycopg.Connection[tuple[object, ...]], table: str) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE c.relname = %s AND NOT l.granted",
        (table,),
    ).fetchone()
    return bool(row and row[0])
