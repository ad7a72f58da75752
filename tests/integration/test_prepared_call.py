"""The store call's statement goes through libpq directly: prepared once per connection,
prepared again when the server forgot it, and failures raised as psycopg's own errors."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from infrastructure.store import binary_wire as wire
from infrastructure.store.prepared_call import PreparedCall

pytestmark = pytest.mark.parametrize("store_url", ["postgres"], indirect=True)


@pytest.fixture
def conn(store_url: str) -> Iterator[psycopg.Connection[object]]:
    database, schema = store_url.split("?schema=")
    connection: psycopg.Connection[object] = psycopg.connect(database, autocommit=True)
    connection.execute(f'SET search_path TO "{schema}"')
    connection.execute("CREATE TABLE things (id bigint PRIMARY KEY, name text)")
    yield connection
    connection.close()


INSERT = PreparedCall("insert_thing", "INSERT INTO things VALUES ($1, $2) RETURNING id", 2)


def insert(conn: psycopg.Connection[object], thing_id: int, name: str) -> int:
    [(stored,)] = INSERT.rows(conn, [thing_id.to_bytes(8, "big"), wire.text(name)])
    return wire.bigint(stored or b"")


def test_rows_come_back_in_binary_and_the_statement_is_prepared_once(
    conn: psycopg.Connection[object],
) -> None:
    assert insert(conn, 1, "一") == 1
    assert insert(conn, 2, "二") == 2

    prepared = conn.execute(
        "SELECT count(*) FROM pg_prepared_statements WHERE name = 'insert_thing'"
    ).fetchone()
    assert prepared == (1,)


def test_a_statement_the_server_forgot_is_prepared_again(
    conn: psycopg.Connection[object],
) -> None:
    insert(conn, 1, "一")
    conn.execute("DEALLOCATE ALL")

    assert insert(conn, 2, "二") == 2


def test_a_violated_key_raises_psycopgs_unique_violation_and_stores_nothing(
    conn: psycopg.Connection[object],
) -> None:
    insert(conn, 1, "一")

    with pytest.raises(psycopg.errors.UniqueViolation, match="things_pkey"):
        insert(conn, 1, "again")

    assert conn.execute("SELECT name FROM things").fetchall() == [("一",)]
