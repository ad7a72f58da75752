"""DUKAO_DATABASE_URL picks the store (issue 3, point 7): what each URL turns into."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.bootstrap import build_application
from infrastructure.settings import DEFAULT_JURISDICTION, DEFAULT_URL, Settings
from infrastructure.views.wiring import view_store


def test_a_sqlite_url_with_four_slashes_is_an_absolute_file(tmp_path: Path) -> None:
    env = Settings(f"sqlite:///{tmp_path}/store/dukao.sqlite").eventsourcing_env()

    assert env["PERSISTENCE_MODULE"].endswith(":AssessmentSQLiteFactory")
    assert env["SQLITE_SYNCHRONOUS"] == ""  # SQLite's own default: every commit synced
    assert env["SQLITE_DBNAME"] == f"{tmp_path}/store/dukao.sqlite"
    assert env["APPLICATION_RECORDER_TOPIC"].endswith(":AssessmentSQLiteRecorder")
    assert (tmp_path / "store").is_dir()  # made ready for the first write


def test_a_sqlite_url_may_name_memory() -> None:
    env = Settings("sqlite:///:memory:").eventsourcing_env()
    assert env["SQLITE_DBNAME"] == ":memory:"
    assert not Settings("sqlite:///:memory:").is_postgres


def test_a_postgresql_url_gives_every_connection_setting() -> None:
    url = "postgresql://dukao:s%40fe@db.county.example:6543/dukao_prod?schema=county_a&pool_size=3"
    settings = Settings(url)
    env = settings.eventsourcing_env()

    assert settings.is_postgres
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"]) == ("db.county.example", "6543")
    assert (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"]) == ("dukao", "s@fe")
    assert env["POSTGRES_DBNAME"] == "dukao_prod"
    assert env["POSTGRES_SCHEMA"] == "county_a"
    assert env["POSTGRES_POOL_SIZE"] == "3"
    assert env["APPLICATION_RECORDER_TOPIC"].endswith(":AssessmentPostgresRecorder")


def test_a_projection_batch_may_compute_for_a_minute_inside_its_transaction(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", raising=False)
    app = build_application(Settings(pg_database))
    try:
        with view_store(app, Settings(pg_database)).transaction() as tx:
            [(timeout,)] = tx.rows("SHOW idle_in_transaction_session_timeout")
    finally:
        app.close()
    assert timeout == "1min"  # the library's default is 5 s


def test_the_idle_limit_can_be_set_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", "120")
    env = Settings("postgresql://db/dukao").eventsourcing_env()
    assert env["POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT"] == "120"


def test_a_bare_postgres_url_falls_back_to_the_local_defaults() -> None:
    env = Settings("postgres://").eventsourcing_env()

    assert env["POSTGRES_HOST"] == "127.0.0.1"
    assert env["POSTGRES_PORT"] == "5432"
    assert env["POSTGRES_USER"] == "postgres"
    assert env["POSTGRES_PASSWORD"] == ""
    assert env["POSTGRES_DBNAME"] == "postgres"
    assert env["POSTGRES_SCHEMA"] == "public"


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported scheme 'mysql'"):
        Settings("mysql://root@localhost/dukao").eventsourcing_env()


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUKAO_DATABASE_URL", raising=False)
    monkeypatch.delenv("DUKAO_JURISDICTION", raising=False)
    assert Settings.from_env() == Settings(DEFAULT_URL, DEFAULT_JURISDICTION)

    monkeypatch.setenv("DUKAO_DATABASE_URL", "postgresql://u@h/db?schema=s")
    monkeypatch.setenv("DUKAO_JURISDICTION", "nanjiang-county")
    settings = Settings.from_env()

    assert settings == Settings("postgresql://u@h/db?schema=s", "nanjiang-county")
    assert settings.eventsourcing_env()["POSTGRES_SCHEMA"] == "s"


def test_a_sqlite_url_may_relax_the_sync_of_each_commit(tmp_path: Path) -> None:
    settings = Settings(f"sqlite:///{tmp_path}/batch.sqlite?synchronous=normal")

    assert settings.eventsourcing_env()["SQLITE_SYNCHRONOUS"] == "NORMAL"
    assert _synchronous_level(settings) == 1  # NORMAL
    assert _synchronous_level(Settings(f"sqlite:///{tmp_path}/default.sqlite")) == 2  # FULL


def test_an_unknown_sync_level_is_refused_naming_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="synchronous must be one of OFF, NORMAL, FULL"):
        Settings(f"sqlite:///{tmp_path}/x.sqlite?synchronous=sometimes").eventsourcing_env()


def _synchronous_level(settings: Settings) -> int:
    app = build_application(settings)
    try:
        with app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
            cursor.execute("PRAGMA synchronous")
            level: int = cursor.fetchone()[0]
        return level
    finally:
        app.close()
