"""`dukao generate`: a tiny demo year into the SQLite demo file or into PostgreSQL."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from infrastructure.bootstrap import build_application
from infrastructure.cli import cli
from infrastructure.settings import Settings
from tests.e2e.conftest import SEED, TinyDemo

runner = CliRunner()


def events_in(url: str) -> int:
    application = build_application(Settings(url))
    try:
        return application.recorder.max_notification_id() or 0
    finally:
        application.close()


@pytest.fixture
def pg_store(pg_database: str) -> Iterator[str]:
    schema = f"cli_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield f"{pg_database}?schema={schema}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def test_generate_writes_the_demo_file_with_a_progress_bar_and_the_report(
    tiny_demo: TinyDemo,
) -> None:
    assert tiny_demo.file.is_file()
    assert not list(tiny_demo.data_dir.glob("*.partial*"))
    assert f"generating a tiny year (seed {SEED})" in tiny_demo.output
    assert tiny_demo.events > 0
    assert f"{tiny_demo.events:,} events in" in tiny_demo.output
    assert "events/s" in tiny_demo.output


def test_the_demo_file_is_checkpointed_and_served_at_full_sync(tiny_demo: TinyDemo) -> None:
    """Generated without a sync per commit, the file is whole in itself once moved into
    place: its write-ahead log is empty, and a store opened on it syncs every commit."""
    assert tiny_demo.wal_bytes == 0
    with closing(sqlite3.connect(tiny_demo.file)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert Settings(tiny_demo.url).eventsourcing_env()["SQLITE_SYNCHRONOUS"] == ""


def test_generate_into_postgresql_writes_the_same_year(
    pg_store: str, tiny_demo: TinyDemo, tmp_path: Path
) -> None:
    args = ["generate", "--size", "tiny", "--seed", str(SEED), "--data-dir", str(tmp_path)]
    result = runner.invoke(cli, args, env={"DUKAO_DATABASE_URL": pg_store})
    assert result.exit_code == 0, result.output
    assert events_in(pg_store) == tiny_demo.events
    assert f"{events_in(pg_store):,} events in" in result.output
    assert not list(tmp_path.iterdir())  # the URL wins over the demo file


def test_an_unknown_size_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["generate", "--size", "huge", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "size must be one of" in result.output
    assert not list(tmp_path.glob("*.sqlite*"))
