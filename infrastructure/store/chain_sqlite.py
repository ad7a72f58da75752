"""The hash chain and the append-only rules on SQLite.

`{events}_hashes` holds one chain hash per stored event, keyed by its notification id
(the events table's rowid), as on PostgreSQL (chain_postgres.py). Here a trigger on the
events table writes it, in the inserting transaction, through `dukao_chain_link`, a
function every connection of the store's pool registers (sqlite_factory.py): SQLite
runs one writer at a time and fires the trigger row by row in rowid order, so every
insert by the recorder — or by any other path of the library on these connections —
is chained, and a connection without the function (a tool opening the file) cannot
insert an event at all. Other triggers refuse UPDATE and DELETE on both tables.
"""

from __future__ import annotations

import sqlite3

from domain.integrity.chain import event_bytes, link

FUNCTION = "dukao_chain_link"


def chain_link(  # noqa: PLR0917 (SQLite calls it with the row's six columns)
    previous: bytes, notification_id: int, originator: str, version: int, topic: str, state: bytes
) -> bytes:
    """The chain hash of a row as SQLite stores it (the originator id as UUID hex)."""
    canonical = event_bytes(notification_id, bytes.fromhex(originator), version, topic, state)
    return link(previous, canonical)


def register(connection: sqlite3.Connection) -> None:
    connection.create_function(FUNCTION, 6, chain_link, deterministic=True)


def chain_table(events_table: str) -> str:
    return f"{events_table}_hashes"


def create_statements(events_table: str) -> list[str]:
    hashes = chain_table(events_table)
    statements = [
        f"CREATE TABLE IF NOT EXISTS {hashes} ("
        "notification_id INTEGER PRIMARY KEY, hash BLOB NOT NULL)",
        f"CREATE TRIGGER IF NOT EXISTS {events_table}_chain AFTER INSERT ON {events_table} "
        f"BEGIN INSERT INTO {hashes} (notification_id, hash) VALUES (NEW.rowid, {FUNCTION}("
        f"coalesce((SELECT hash FROM {hashes} ORDER BY notification_id DESC LIMIT 1), "
        "zeroblob(32)), NEW.rowid, NEW.originator_id, NEW.originator_version, NEW.topic, "
        "NEW.state)); END",
    ]
    for table in (events_table, hashes):
        for operation in ("UPDATE", "DELETE"):
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_{operation.lower()}_guard "
                f"BEFORE {operation} ON {table} BEGIN SELECT RAISE(ABORT, "
                f"'{table} is append-only: {operation} refused'); END"
            )
    return statements
