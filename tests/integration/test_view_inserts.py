"""Views add rows with `ViewTransaction.insert`: COPY on PostgreSQL, INSERT on SQLite —
the same rows either way, and a clash with a unique key fails the whole transaction."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError

from application.app import AssessmentApplication
from infrastructure.settings import Settings
from infrastructure.views.wiring import view_store

ROWS = [(1, "一", None), (2, "tab\there", "new\nline"), (3, "back\\slash", "")]
CLASHES = (IntegrityError, psycopg.IntegrityError, sqlite3.IntegrityError)


def test_inserted_rows_read_back_exactly(app: AssessmentApplication, store_url: str) -> None:
    store = view_store(app, Settings(store_url))
    with store.transaction() as tx:
        tx.execute("CREATE TABLE view_t (n BIGINT PRIMARY KEY, a TEXT, b TEXT)")
        tx.insert("view_t", ("n", "a", "b"), ROWS)
        tx.insert("view_t", ("n", "a", "b"), [])
    with store.transaction() as tx:
        assert tx.rows("SELECT n, a, b FROM view_t ORDER BY n") == ROWS


def test_a_clash_fails_and_leaves_nothing(app: AssessmentApplication, store_url: str) -> None:
    store = view_store(app, Settings(store_url))
    with store.transaction() as tx:
        tx.execute("CREATE TABLE view_t (n BIGINT PRIMARY KEY, a TEXT, b TEXT)")
        tx.insert("view_t", ("n", "a", "b"), ROWS[:1])

    def clashing() -> None:
        with store.transaction() as tx:
            tx.insert("view_t", ("n", "a", "b"), ROWS[1:])
            tx.insert("view_t", ("n", "a", "b"), ROWS[:1])

    with pytest.raises(CLASHES):
        clashing()
    with store.transaction() as tx:
        assert tx.rows("SELECT n FROM view_t") == [(1,)]
