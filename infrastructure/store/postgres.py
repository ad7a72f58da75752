"""The library's PostgreSQL application recorder, plus idempotency records written in the
same transaction as the events (by the one-trip store function, see one_trip.py), the
hash chain (chain_postgres.py) and a reader of the chained log (log_rows.py)."""

from __future__ import annotations

from collections.abc import Iterator

from eventsourcing.postgres import PostgresDatastore
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from application.ports import IdempotencyRecord
from domain.integrity.chain import LogRow
from infrastructure.store import chain_postgres
from infrastructure.store.log_rows import MAX_ID, PAGE
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
        self._select_log = SQL(
            "SELECT coalesce(e.notification_id, h.notification_id) AS n, "
            "uuid_send(e.originator_id), e.originator_version, e.topic, e.state, h.hash "
            "FROM {schema}.{events} e FULL JOIN {schema}.{hashes} h "
            "ON h.notification_id = e.notification_id "
            "WHERE coalesce(e.notification_id, h.notification_id) BETWEEN %s AND %s "
            "ORDER BY n"
        ).format(
            schema=Identifier(datastore.schema),
            events=Identifier(events_table_name),
            hashes=Identifier(chain_postgres.chain_table(events_table_name)),
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

    def log_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[LogRow]:
        """The chained log in notification id order (log_rows.py), through one
        server-side cursor in binary: one snapshot, fetched in pages."""
        with (
            self.datastore.get_connection() as conn,
            conn.transaction(),
            conn.cursor(name="dukao_log_rows", binary=True, row_factory=tuple_row) as curs,
        ):
            curs.itersize = PAGE
            curs.execute(self._select_log, (start, MAX_ID if stop is None else stop))
            yield from curs
