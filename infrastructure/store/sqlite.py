"""The library's SQLite application recorder, plus idempotency records written in the
same transaction as the events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from application.ports import IdempotencyRecord


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
        return super()._insert_events(c, stored_events, **kwargs)

    def find_idempotency_record(self, key: str) -> IdempotencyRecord | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT request_hash, result FROM idempotency_records WHERE key = ?", (key,))
            row = c.fetchone()
        if row is None:
            return None
        return IdempotencyRecord(key, row["request_hash"], bytes(row["result"]))
