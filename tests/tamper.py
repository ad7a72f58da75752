"""Changing a store behind the application's back, as a superuser would: on PostgreSQL
with `session_replication_role = replica` (triggers do not fire), on SQLite through a
plain connection after dropping the triggers. What the tests then ask is whether
`verify_store` notices, and which record it names."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, urlparse
from uuid import UUID

import psycopg

from application.app import AssessmentApplication
from domain.integrity.chain import GENESIS, event_bytes, link


class Tamperer:
    """A connection of the store's owner: with `bypass`, behind the triggers' back."""

    def __init__(self, store_url: str, *, bypass: bool = True) -> None:
        url = urlparse(store_url)
        self.postgres = url.scheme.startswith("postgres")
        if self.postgres:
            schema = parse_qs(url.query).get("schema", ["public"])[0]
            self._pg = psycopg.connect(store_url.split("?", 1)[0], autocommit=True)
            if bypass:
                self._pg.execute("SET session_replication_role = replica")
            self._pg.execute(psycopg.sql.SQL("SET search_path TO {}").format(
                psycopg.sql.Identifier(schema)))  # fmt: skip
            self.id, self.events = "notification_id", "assessment_events"
        else:
            self._lite = sqlite3.connect(url.path, isolation_level=None)
            triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            for (name,) in self._lite.execute(triggers).fetchall() if bypass else []:
                self._lite.execute(f"DROP TRIGGER {name}")
            self.id, self.events = "rowid", "stored_events"
        self.hashes = f"{self.events}_hashes"

    def run(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """`statement` with %s parameters, `{id}` for the events' notification id column
        and `{events}`, `{hashes}` for the tables."""
        statement = statement.format(id=self.id, events=self.events, hashes=self.hashes)
        if self.postgres:
            cursor = self._pg.execute(statement, params)  # type: ignore[call-overload]
            return cursor.fetchall() if cursor.description else []
        return self._lite.execute(statement.replace("%s", "?"), params).fetchall()

    def close(self) -> None:
        (self._pg if self.postgres else self._lite).close()

    # -- the four tampers of issue 8 ----------------------------------------------

    def change_payload(self, notification_id: int) -> None:
        (state,) = self.run("SELECT state FROM {events} WHERE {id} = %s", [notification_id])[0]
        changed = bytes(state).replace(b"}", b',"x":1}', 1)
        self.run("UPDATE {events} SET state = %s WHERE {id} = %s", [changed, notification_id])

    def delete_row(self, notification_id: int) -> None:
        self.run("DELETE FROM {events} WHERE {id} = %s", [notification_id])
        self.run("DELETE FROM {hashes} WHERE notification_id = %s", [notification_id])

    def insert_row_after(self, notification_id: int, originator: bytes, topic: str) -> None:
        """Make room after `notification_id` (renumbering what follows, hashes too) and
        insert a forged event there whose own chain hash is computed correctly."""
        for table, column in (("{events}", "{id}"), ("{hashes}", "notification_id")):
            for shift in ("+ 1000000", "- 999999"):
                self.run(
                    f"UPDATE {table} SET {column} = {column} {shift} WHERE {column} > %s",
                    [notification_id if shift.startswith("+") else notification_id + 1000000],
                )
        (previous,) = self.run(
            "SELECT hash FROM {hashes} WHERE notification_id = %s", [notification_id]
        )[0]
        state = b'{"forged":true}'
        new_id = notification_id + 1
        stored_id = UUID(bytes=originator) if self.postgres else originator.hex()
        self.run(
            "INSERT INTO {events} ({id}, originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, 1, %s, %s)",
            [new_id, stored_id, topic, state],
        )
        forged = link(bytes(previous), event_bytes(new_id, originator, 1, topic, state))
        self.run("INSERT INTO {hashes} VALUES (%s, %s)", [new_id, forged])

    def swap_rows(self, first: int, second: int) -> None:
        for old, new in ((first, -1), (second, first), (-1, second)):
            self.run("UPDATE {events} SET {id} = %s WHERE {id} = %s", [new, old])

    def rechain(self, app: AssessmentApplication) -> None:
        """Recompute every chain hash from the events as they are now (an attacker who
        knows the algorithm); only a digest kept from before can tell."""
        rows = [(n, data) for n, data, _ in app.chained_log().log_rows()]
        self.run("DELETE FROM {hashes}")
        head = GENESIS
        for notification_id, canonical in rows:
            head = link(head, canonical)
            self.run("INSERT INTO {hashes} VALUES (%s, %s)", [notification_id, head])
