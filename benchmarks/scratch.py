"""Throw-away stores for one benchmark run: a PostgreSQL database, a SQLite directory.

Each run gets its own, so a benchmark never touches a developer's data or another
engineer's test database, and nothing is left behind even when a run fails. Within a
run, every application gets a fresh, empty store of its own (a schema, or a file).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from benchmarks.floors import PostgresFloor, SQLiteFloor


@dataclass
class ScratchStore:
    kind: str  # "sqlite" or "postgres"
    location: str  # the scratch database's URL, or the temporary directory
    version: str = ""
    _made: int = 0

    def floor(self) -> PostgresFloor | SQLiteFloor:
        if self.kind == "postgres":
            return PostgresFloor(self.location)
        return SQLiteFloor(Path(self.location) / "floor.sqlite")

    def fresh_app_url(self, name: str) -> str:
        """The URL of an empty store for one application."""
        self._made += 1
        label = f"{name}_{self._made}"
        if self.kind == "sqlite":
            return f"sqlite:///{Path(self.location) / label}.sqlite"
        with psycopg.connect(self.location, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(label)))
        return f"{self.location}?schema={label}"


@contextmanager
def scratch_store(kind: str, admin_url: str) -> Iterator[ScratchStore]:
    if kind == "postgres":
        with postgres_database(admin_url) as url:
            yield ScratchStore(kind, url, version=server_version(url))
        return
    with tempfile.TemporaryDirectory(prefix="dukao_bench_") as path:
        yield ScratchStore(kind, path)


@contextmanager
def postgres_database(admin_url: str, *, template: str | None = None) -> Iterator[str]:
    """A new database (dukao_bench_<random>) on the server of `admin_url`, a copy of the
    database `template` if given (which must have no connections); dropped after."""
    name = f"dukao_bench_{uuid.uuid4().hex[:10]}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(template))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(create)
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def server_version(url: str) -> str:
    with psycopg.connect(url, connect_timeout=5) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"
