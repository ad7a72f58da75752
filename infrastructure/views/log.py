"""The application's log as projections read it: notifications decoded to events, and a
wait that wakes on PostgreSQL's NOTIFY (the store function notifies every commit) or,
on SQLite, after a short poll."""

from __future__ import annotations

import time
from collections.abc import Sequence
from uuid import UUID

import orjson
import psycopg
from eventsourcing.persistence import Notification
from psycopg import sql

from application.app import AssessmentApplication
from infrastructure.replay.decoding import EventDecoder
from projections.log import Logged


class ApplicationLog:
    def __init__(self, application: AssessmentApplication, *, listen_url: str | None = None):
        """`listen_url`: a PostgreSQL connection string to LISTEN on; None polls."""
        self.recorder = application.recorder
        self._decoder = EventDecoder()
        self._listener: psycopg.Connection[object] | None = None
        if listen_url is not None:
            self._listener = psycopg.connect(listen_url, autocommit=True)
            channel = self.recorder.channel_name  # type: ignore[attr-defined]
            self._listener.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))

    def read(self, after: int, limit: int) -> Sequence[Logged]:
        notifications = self.recorder.select_notifications(start=after + 1, limit=limit)
        return [Logged(n.id, self._decoded(n)) for n in notifications]

    def head(self) -> int:
        return self.recorder.max_notification_id() or 0

    def wait(self, timeout: float) -> None:
        if self._listener is None:
            time.sleep(timeout)
            return
        for _ in self._listener.notifies(timeout=timeout, stop_after=1):
            break

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()

    def _decoded(self, notification: Notification) -> object:
        envelope = orjson.dumps(
            {
                "originator_id": _text(notification.originator_id),
                "originator_version": notification.originator_version,
            }
        )
        # {"originator_id":…,"originator_version":N} + the stored object's fields
        state = bytes(notification.state)
        joined = envelope[:-1] + (b"," + state[1:] if state != b"{}" else b"}")
        return self._decoder.decode_json(notification.topic, joined)


def _text(value: UUID | str) -> str:
    return str(value)
