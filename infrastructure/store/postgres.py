"""The library's PostgreSQL application recorder, plus idempotency records written in the
same transaction as the events (by the one-trip store function, see one_trip.py)."""

from __future__ import annotations

from eventsourcing.postgres import PostgresDatastore
from psycopg.sql import SQL, Identifier

from application.ports import IdempotencyRecord
from infrastructure.store.one_trip import OneTripRecorder


class AssessmentPostgresRecorder(OneTripRecorder):
    def __init__(
        self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"
    ) -> None:
        idempotency_table = f"{events_table_name}_idempotency"
        super().__init__(
            datastore,
            events_table_name=events_table_name,
            idempotency_table_name=idempotency_table,
        )
        table = Identifier(datastore.schema), Identifier(idempotency_table)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {}.{} (key text PRIMARY KEY, "
                "request_hash text NOT NULL, result bytea NOT NULL)"
            ).format(*table)
        )
        self._select_idempotency = SQL(
            "SELECT request_hash, result FROM {}.{} WHERE key = %s"
        ).format(*table)

    def find_idempotency_record(self, key: str) -> IdempotencyRecord | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_idempotency, (key,), prepare=True)
            row = curs.fetchone()
        if row is None:
            return None
        return IdempotencyRecord(key, row["request_hash"], bytes(row["result"]))
