"""The library's SQLite application recorder, plus idempotency records written in the
same transaction as the events, the hash chain (chain_sqlite.py) and a reader of the
chained log (log_rows.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from application.ports import IdempotencyRecord
from application.reads import ReadVersion
from domain.integrity.chain import LogRow, event_bytes
from infrastructure.store import chain_sqlite
from infrastructure.store.log_rows import MAX_ID, windows


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
            *chain_sqlite.create_statements(self.events_table_name),
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

    def log_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[LogRow]:
        """The chained log's events in notification id order (log_rows.py), window by
        window."""
        events, hashes = self.events_table_name, chain_sqlite.chain_table(self.events_table_name)
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT coalesce(max(rowid), 0) FROM {events}")
            last = c.fetchone()[0]
        for low, high in windows(start, MAX_ID if stop is None else stop, last):
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    "SELECT e.rowid, e.originator_id, e.originator_version, e.topic, e.state, "
                    f"h.hash FROM {events} e LEFT JOIN {hashes} h ON h.notification_id = e.rowid "
                    "WHERE e.rowid BETWEEN ? AND ? ORDER BY e.rowid",
                    (low, high),
                )
                window = [_row(tuple(r)) for r in c.fetchall()]
            yield from window

    def hashes_between(self, low: int, high: int) -> list[tuple[int, bytes]]:
        """Chain hashes strictly between two notification ids that have no event."""
        events, hashes = self.events_table_name, chain_sqlite.chain_table(self.events_table_name)
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT h.notification_id, h.hash FROM {hashes} h WHERE h.notification_id > ? "
                f"AND h.notification_id < ? AND NOT EXISTS (SELECT 1 FROM {events} e "
                "WHERE e.rowid = h.notification_id) ORDER BY h.notification_id",
                (low, min(high, MAX_ID)),
            )
            return [(r[0], bytes(r[1])) for r in c.fetchall()]


def _row(r: tuple[Any, ...]) -> LogRow:
    """A row as SQLite stores it (the originator id as UUID hex; a NULL topic or state
    counts as empty, so it can only mismatch)."""
    canonical = event_bytes(r[0], bytes.fromhex(r[1]), r[2], r[3] or "", bytes(r[4] or b""))
    return (r[0], canonical, None if r[5] is None else bytes(r[5]))
