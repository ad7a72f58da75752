"""The integration suite really writes to the store its URL names (issue 3, point 7).

Read back with the database's own driver, not through the application, so a test that
silently fell back to another store (or to memory) could not pass.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
from psycopg import sql

from application.app import AssessmentApplication
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.settings import Settings
from infrastructure.store.postgres import AssessmentPostgresRecorder
from tests.builders import OFFICE, YEAR, enrolled_unit, open_year

Row = tuple[int, str]


def rows_in(store_url: str, table: str) -> list[Row]:
    """(notification id, topic) of every stored event, as the database holds them."""
    url = urlparse(store_url)
    if url.scheme == "sqlite":
        assert table.isidentifier()  # a name from the recorder, quoted, never from input
        with closing(sqlite3.connect(url.path[1:])) as conn:
            # The library's SQLite recorder numbers notifications by rowid.
            query = f'SELECT rowid, topic FROM "{table}" ORDER BY 1'
            return [(int(i), str(t)) for i, t in conn.execute(query)]
    schema = parse_qs(url.query)["schema"][0]
    dsn = store_url.split("?", 1)[0]
    with psycopg.connect(dsn) as conn:
        cursor = conn.execute(
            sql.SQL("SELECT notification_id, topic FROM {}.{} ORDER BY 1").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        return [(int(i), str(t)) for i, t in cursor.fetchall()]


def logged(app: AssessmentApplication) -> list[Row]:
    return [(n.id, n.topic) for n in app.recorder.select_notifications(start=1, limit=1000)]


def test_every_event_is_a_row_in_the_named_database(
    app: AssessmentApplication, store_url: str
) -> None:
    open_year(app)
    enrolled_unit(app, "T01")
    table = app.recorder.events_table_name  # type: ignore[attr-defined]

    stored = rows_in(store_url, table)

    assert len(stored) == 5
    assert stored == logged(app)
    assert stored[-1][1].endswith("AssessmentYear.UnitEnrolled")


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_postgresql_holds_the_events_and_keys_in_the_test_schema(
    app: AssessmentApplication, store_url: str
) -> None:
    """Runs on PostgreSQL whatever DUKAO_TEST_STORES says: the suite cannot pass on
    SQLite alone."""
    assert isinstance(app.recorder, AssessmentPostgresRecorder)
    schema = parse_qs(urlparse(store_url).query)["schema"][0]
    assert app.recorder.datastore.schema == schema
    app.open_year(year=YEAR, by=OFFICE, idempotency_key="open-2025")

    with psycopg.connect(store_url.split("?", 1)[0]) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (schema,),
        ).fetchall()
        keys = conn.execute(
            sql.SQL("SELECT key FROM {}.{}").format(
                sql.Identifier(schema),
                sql.Identifier(f"{app.recorder.events_table_name}_idempotency"),
            )
        ).fetchall()
        version = conn.execute("SHOW server_version_num").fetchone()

    assert {"assessment_events", "assessment_events_idempotency"} <= {t for (t,) in tables}
    assert keys == [("office-li\x1fopen-2025",)]
    assert version is not None
    assert int(version[0]) >= 150000
    assert rows_in(store_url, app.recorder.events_table_name) == logged(app)


@pytest.fixture
def two_schemas(pg_database: str) -> Iterator[list[str]]:
    suffix = uuid.uuid4().hex[:8]
    names = [f"county_a_{suffix}", f"county_b_{suffix}"]
    with psycopg.connect(pg_database, autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    yield [f"{pg_database}?schema={name}" for name in names]
    with psycopg.connect(pg_database, autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))


def test_the_schema_parameter_keeps_two_stores_apart(
    two_schemas: list[str], clock: ManualClock
) -> None:
    apps = [build_application(Settings(url), clock=clock, ids=SeededIds(3)) for url in two_schemas]
    try:
        apps[0].open_year(year=YEAR, by=OFFICE)
        apps[1].open_year(year=YEAR, by=OFFICE)
        apps[1].open_year(year=YEAR + 1, by=OFFICE)

        assert [app.recorder.max_notification_id() for app in apps] == [1, 2]
        assert len(rows_in(two_schemas[0], "assessment_events")) == 1
        assert len(rows_in(two_schemas[1], "assessment_events")) == 2
    finally:
        for app in apps:
            app.close()
