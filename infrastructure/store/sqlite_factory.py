"""The library's SQLite persistence with the synchronous level chosen per store.

The embedded default keeps SQLite's own (FULL: every commit is synced). Generating a
demo year is one batch whose unit of durability is the whole file: it is written
beside its final name with `?synchronous=normal` (commits go to the write-ahead log
without a sync each), checkpointed with a sync and moved into place only when
complete (infrastructure/demo_store.py), so a crash leaves no file to reuse.
"""

from __future__ import annotations

from eventsourcing.persistence import Environment, EnvType
from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool, SQLiteFactory

LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")


class SynchronousPool(SQLiteConnectionPool):
    def __init__(self, *, synchronous: str, db_name: str, lock_timeout: int | None) -> None:
        super().__init__(db_name=db_name, lock_timeout=lock_timeout)
        self.synchronous = synchronous

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()
        # The connection is in autocommit mode, so this runs outside any transaction
        # (SQLite refuses to change the level inside one).
        connection.cursor().execute(f"PRAGMA synchronous={self.synchronous}")
        return connection


class AssessmentSQLiteFactory(SQLiteFactory):
    SQLITE_SYNCHRONOUS = "SQLITE_SYNCHRONOUS"

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        level = (self.env.get(self.SQLITE_SYNCHRONOUS) or "").strip().upper()
        if not level:
            return
        if level not in LEVELS:
            raise OSError(f"{self.SQLITE_SYNCHRONOUS} must be one of {', '.join(LEVELS)}")
        pool = self.datastore.pool
        self.datastore.pool = SynchronousPool(
            synchronous=level, db_name=pool.db_name, lock_timeout=pool.lock_timeout
        )
