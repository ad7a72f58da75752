"""View stores on the library's tracking recorders, for SQLite and PostgreSQL.

Each view's rows and its position (the library's `Tracking`, written by the recorder's
own `_insert_tracking`) commit in one transaction of the store's datastore. The
single-row tracking table only moves forward: a second runner writing a batch the first
already wrote fails with IntegrityError and rolls back its rows too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from weakref import WeakSet

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from psycopg.sql import SQL, Identifier

from projections.batches import Batch
from projections.sql import ViewTransaction

CHECKPOINTS = (
    "CREATE TABLE IF NOT EXISTS projection_checkpoints (position BIGINT PRIMARY KEY, "
    "recorded_at TEXT NOT NULL, committed_at TEXT NOT NULL)"
)


def utc_text(moment: datetime) -> str:
    """A moment as text that sorts as the moment does (UTC, always with microseconds)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class _ViewStore:
    """What both stores share; the datastore and the tracking SQL are the recorder's."""

    placeholder = "%s"
    tracking_table_name: str
    datastore: Any

    @contextmanager
    def transaction(self) -> Iterator[ViewTransaction]:
        with self.datastore.transaction(commit=True) as cursor:
            yield ViewTransaction(cursor, placeholder=self.placeholder)

    def position(self, view: str) -> int:
        found: int | None = self.max_tracking_id(view)  # type: ignore[attr-defined]
        return found or 0

    def track(self, tx: ViewTransaction, view: str, position: int) -> None:
        self._insert_tracking(tx.cursor, Tracking(view, position))  # type: ignore[attr-defined]

    def forget(self, tx: ViewTransaction, view: str) -> None:
        tx.execute(f"DELETE FROM {self.tracking_table_name} WHERE application_name = %s", (view,))

    def checkpoint(self, tx: ViewTransaction, batch: Batch) -> None:
        tx.execute(
            "INSERT INTO projection_checkpoints (position, recorded_at, committed_at) "
            "VALUES (%s, %s, %s) ON CONFLICT (position) DO NOTHING",
            (batch.last, utc_text(batch.recorded_at), utc_text(datetime.now(UTC))),
        )

    def checkpoint_at(self, moment: datetime) -> int | None:
        """The last checkpoint whose events were all recorded by `moment`."""
        with self.transaction() as tx:
            [(found,)] = tx.rows(
                "SELECT max(position) FROM projection_checkpoints WHERE recorded_at <= %s",
                (utc_text(moment),),
            )
        return None if found is None else int(found)

    def checkpoint_upto(self, position: int) -> int | None:
        """The last checkpoint at or before `position`: what reading as of it shows."""
        with self.transaction() as tx:
            [(found,)] = tx.rows(
                "SELECT max(position) FROM projection_checkpoints WHERE position <= %s",
                (position,),
            )
        return None if found is None else int(found)

    def checkpoints(self, after: int) -> frozenset[int]:
        with self.transaction() as tx:
            rows = tx.rows(
                "SELECT position FROM projection_checkpoints WHERE position > %s", (after,)
            )
        return frozenset(int(position) for (position,) in rows)


class PostgresViewStore(_ViewStore, PostgresTrackingRecorder):
    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        schema = Identifier(datastore.schema)
        self.sql_create_statements.append(
            SQL(CHECKPOINTS.replace("projection_checkpoints", "{}.projection_checkpoints")).format(
                schema
            )
        )
        # Views name their tables plainly; they live in the store's schema. The library
        # names its own tables in full, so the pooled connections keep this path.
        self._search_path = SQL("SET search_path TO {}").format(schema).as_string()
        self._on_path: WeakSet[Any] = WeakSet()

    @contextmanager
    def transaction(self) -> Iterator[ViewTransaction]:
        with self._connection() as conn, conn.transaction():
            yield ViewTransaction(conn.cursor(), placeholder=self.placeholder)

    @contextmanager
    def reading(self) -> Iterator[ViewTransaction]:
        """For one statement: no transaction around it (a statement reads one snapshot)."""
        with self._connection() as conn:
            yield ViewTransaction(conn.cursor(), placeholder=self.placeholder)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        with self.datastore.get_connection() as conn:
            if conn not in self._on_path:
                conn.execute(self._search_path)
                self._on_path.add(conn)
            yield conn


class SQLiteViewStore(_ViewStore, SQLiteTrackingRecorder):
    placeholder = "?"
    tracking_table_name = "tracking"  # the library's fixed name on SQLite

    @contextmanager
    def reading(self) -> Iterator[ViewTransaction]:
        with self.datastore.transaction(commit=False) as cursor:
            yield ViewTransaction(cursor, placeholder=self.placeholder)

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), CHECKPOINTS]
