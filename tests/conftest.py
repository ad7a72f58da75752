"""Shared fixtures. Integration tests run on both stores through the `app` fixture.

PostgreSQL is required, never skipped: each test session creates its own database and
drops it at the end, and each test gets its own schema in it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime

import psycopg
import pytest
from psycopg import sql

from application.app import AssessmentApplication
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.settings import Settings

PG_ADMIN = os.environ.get("DUKAO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
STORES = [s for s in os.environ.get("DUKAO_TEST_STORES", "sqlite,postgres").split(",") if s]


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is required for the test suite and unreachable at "
            f"{PG_ADMIN}: {exc}. Start it (see README) and rerun."
        )


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    name = f"dukao_test_{uuid.uuid4().hex[:10]}"
    with _admin() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = PG_ADMIN.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with _admin() as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2025, 1, 6, 9, 0, tzinfo=OFFICE_TZ))


@pytest.fixture(params=STORES)
def store_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/events.sqlite"
        return
    database = request.getfixturevalue("pg_database")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield f"{database}?schema={schema}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(scope="module", params=STORES)
def module_store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A store shared by the tests of one module (for a year that is costly to build)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('module-store')}/events.sqlite"
        return
    database = request.getfixturevalue("pg_database")
    schema = f"m_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield f"{database}?schema={schema}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def app(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    application = build_application(Settings(store_url), clock=clock, ids=SeededIds(7))
    yield application
    application.close()


def event_count(app: AssessmentApplication) -> int:
    return app.recorder.max_notification_id() or 0
