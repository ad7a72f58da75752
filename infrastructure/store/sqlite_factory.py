"""The library's SQLite persistence with the hash chain's function on every connection
and the synchronous level chosen per store.

Every pooled connection registers `dukao_chain_link` (chain_sqlite.py), which the
events table's trigger calls to chain each stored event.

The embedded default keeps SQLite's own synchronous level (FULL: every commit is
synced). Generating a demo year is one batch whose unit of durability is the whole
file: it is written beside its final name with `?synchronous=normal` (commits go to the
write-ahead log without a sync each), checkpointed with a sync and moved into place
only when complete (infrastructure/demo_store.py), so a crash leaves no file to reuse.
"""

from __future__ import annotations

from eventsourcing.persistence import Environment, EnvType
from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool, SQLiteFactory

from infrastructure.store import chain_sqlite

LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


class ChainingPool(SQLiteConnectionPool):
    def __init__(self, *, synchronous: str | None, db_name: str, lock_timeout: int | None) -> None:
        super().__init__(db_name=db_name, lock_timeout=lock_timeout)
        self.synchronous = synchronous

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        # The library keeps the sqlite3 connection to itself; the function must be on it.
        chain_sqlite.register(connection._sqlite_conn)
        if self.synchronous:
            # The connection is in autocommit mode, so this runs outside any
            # transaction (SQLite refuses to change the level inside one).
            connection.cursor().execute(f"PRAGMA synchronous={self.synchronous}")
        return connection


class AssessmentSQLiteFactory(SQLiteFactory):
    SQLITE_SYNCHRONOUS = "SQLITE_SYNCHRONOUS"

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        level = (self.env.get(self.SQLITE_SYNCHRONOUS) or "").strip().upper()
        if level and level not in LEVELS:
            raise OSError(f"{self.SQLITE_SYNCHRONOUS} must be one of {', '.join(LEVELS)}")
        pool = self.datastore.pool
        self.datastore.pool = ChainingPool(
            synchronous=level or None, db_name=pool.db_name, lock_timeout=pool.lock_timeout
        )
