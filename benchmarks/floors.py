"""The raw floors: how fast the driver alone writes rows shaped like stored events.

A table with the events table's shape and indexes (uuid, bigint version, text topic,
bytea state, bigserial id; the primary key and, on PostgreSQL, the unique index on the
notification id the library creates), rows of the size the application writes, and
nothing of the application: this is the most the application could reach on the same
disk, server and moment, so the application's figures are printed as a fraction of it.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from pathlib import Path

import psycopg

from benchmarks.stats import Rate

# A ProgressReported event as benchmarks/app_path.py stores it is 505 bytes of JSON
# (median); the floor writes rows of that size, so both sides move the same bytes.
STATE_BYTES = 505
TOPIC = "domain.reports.monthly_return:MonthlyReturn.ProgressReported"

PG_TABLE = (
    "CREATE TABLE IF NOT EXISTS floor_events (originator_id uuid NOT NULL, "
    "originator_version bigint NOT NULL, topic text, state bytea, "
    "notification_id bigserial, PRIMARY KEY (originator_id, originator_version))"
)
PG_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS floor_events_notification_id "
    "ON floor_events (notification_id)"
)
PG_INSERT = (
    "INSERT INTO floor_events (originator_id, originator_version, topic, state) "
    "VALUES (%s, %s, %s, %s)"
)
PG_COPY = "COPY floor_events (originator_id, originator_version, topic, state) FROM STDIN"

SQLITE_TABLE = (
    "CREATE TABLE IF NOT EXISTS floor_events (originator_id TEXT, originator_version "
    "INTEGER, topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
)
SQLITE_INSERT = (
    "INSERT INTO floor_events (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)"
)


class PostgresFloor:
    """Raw psycopg on its own connection to the scratch database."""

    def __init__(self, url: str) -> None:
        self.conn = psycopg.connect(url)
        self.conn.execute(PG_TABLE)
        self.conn.execute(PG_INDEX)
        self.conn.commit()
        self.state = os.urandom(STATE_BYTES)

    def single_row_commits(self, rows: int) -> Rate:
        """BEGIN, one INSERT, COMMIT, `rows` times: psycopg's default transaction."""
        conn, state = self.conn, self.state
        started = time.perf_counter()
        for _ in range(rows):
            conn.execute(PG_INSERT, (uuid.uuid4(), 1, TOPIC, state), prepare=True)
            conn.commit()
        return Rate(rows, time.perf_counter() - started)

    def single_row_autocommits(self, rows: int) -> Rate:
        """One INSERT per implicit transaction: one round trip, the least a row can cost."""
        conn, state = self.conn, self.state
        conn.autocommit = True
        try:
            started = time.perf_counter()
            for _ in range(rows):
                conn.execute(PG_INSERT, (uuid.uuid4(), 1, TOPIC, state), prepare=True)
            return Rate(rows, time.perf_counter() - started)
        finally:
            conn.autocommit = False

    def batched(self, batches: int, batch_size: int) -> Rate:
        """COPY of `batch_size` rows per transaction."""
        conn, state = self.conn, self.state
        started = time.perf_counter()
        for _ in range(batches):
            with conn.cursor() as cur, cur.copy(PG_COPY) as copy:
                for _ in range(batch_size):
                    copy.write_row((uuid.uuid4(), 1, TOPIC, state))
            conn.commit()
        return Rate(batches * batch_size, time.perf_counter() - started)

    def close(self) -> None:
        self.conn.close()


class SQLiteFloor:
    """Raw sqlite3 in WAL mode with explicit BEGIN/COMMIT, as the library runs it."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(SQLITE_TABLE)
        self.state = os.urandom(STATE_BYTES)

    def single_row_commits(self, rows: int) -> Rate:
        cur, state = self.conn.cursor(), self.state
        started = time.perf_counter()
        for _ in range(rows):
            cur.execute("BEGIN")
            cur.execute(SQLITE_INSERT, (uuid.uuid4().hex, 1, TOPIC, state))
            cur.execute("COMMIT")
        return Rate(rows, time.perf_counter() - started)

    def batched(self, batches: int, batch_size: int) -> Rate:
        cur, state = self.conn.cursor(), self.state
        started = time.perf_counter()
        for _ in range(batches):
            cur.execute("BEGIN")
            cur.executemany(
                SQLITE_INSERT, ((uuid.uuid4().hex, 1, TOPIC, state) for _ in range(batch_size))
            )
            cur.execute("COMMIT")
        return Rate(batches * batch_size, time.perf_counter() - started)

    def close(self) -> None:
        self.conn.close()
