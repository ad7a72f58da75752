"""The library's SQLite application recorder, plus idempotency records written in the
same transaction as the events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from application.ports import IdempotencyRecord
from application.reads import ReadVersion


def _refuse_stale_reads(
    c: SQLiteCursor, read_set: Sequence[ReadVersion], events_table: str
) -> None:
    statement = (
        f"SELECT 1 FROM {events_table} WHERE originator_id = ? AND originator_version > ? LIMIT 1"
    )
    for read in read_set:
        c.execute(statement, (read.aggregate_id.hex, read.version))
        if c.fetchone() is not None:
            raise IntegrityError(
                f"stale read: aggregate {read.aggregate_id} has events after version {read.version}"
            )


class AssessmentSQLiteRecorder(SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS idempotency_records ("
            "key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, result BLOB NOT NULL)",
        ]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        record: IdempotencyRecord | None = kwargs.get("idempotency")
        if record is not None:
            c.execute(
                "INSERT INTO idempotency_records (key, request_hash, result) VALUES (?, ?, ?)",
                (record.key, record.request_hash, record.result),
            )
        ids = super()._insert_events(c, stored_events, **kwargs)
        if stored_events:
            # After the first write this transaction holds SQLite's write lock and reads
            # the latest commit, so no writer can slip in between check and commit.
            _refuse_stale_reads(c, kwargs.get("read_set", ()), self.events_table_name)
        return ids

    def find_idempotency_record(self, key: str) -> IdempotencyRecord | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT request_hash, result FROM idempotency_records WHERE key = ?", (key,))
            row = c.fetchone()
        if row is None:
            return None
        return IdempotencyRecord(key, row["request_hash"], bytes(row["result"]))
