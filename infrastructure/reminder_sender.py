"""Draining the reminder outbox through a gateway (an SMS or notification service).

The gateway is pluggable: `DUKAO_REMINDER_GATEWAY=package.module:Class` names a class
with a `send(reminder)` method (constructed without arguments); the default writes each
reminder to the log as a JSON line. Each reminder is marked sent in its own transaction
right after the gateway took it, so a crash between the two re-sends at most that one;
a gateway error is recorded on the row (attempts, last error) and the row stays unsent.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Protocol

import orjson
from eventsourcing.utils import resolve_topic

from projections.reminders import Reminder, mark_failed, mark_sent, unsent
from projections.runner import ViewStore

log = logging.getLogger("dukao.reminders")


class ReminderGateway(Protocol):
    def send(self, reminder: Reminder) -> None: ...


class LoggingGateway:
    """Delivers nothing: writes each reminder to the `dukao.reminders` log."""

    def send(self, reminder: Reminder) -> None:
        log.info(orjson.dumps(asdict(reminder)).decode())


@dataclass(frozen=True)
class SendReport:
    sent: int
    failed: int


def gateway_from_env() -> ReminderGateway:
    topic = os.environ.get("DUKAO_REMINDER_GATEWAY")
    if not topic:
        return LoggingGateway()
    gateway: ReminderGateway = resolve_topic(topic)()
    return gateway


def send_reminders(store: ViewStore, gateway: ReminderGateway, *, limit: int = 500) -> SendReport:
    with store.transaction() as tx:
        waiting = unsent(tx, limit=limit)
    sent = failed = 0
    for reminder in waiting:
        try:
            gateway.send(reminder)
        except Exception as exc:  # any gateway failure: record it, keep the row unsent
            failed += 1
            with store.transaction() as tx:
                mark_failed(tx, reminder.id, f"{type(exc).__name__}: {exc}")
            continue
        with store.transaction() as tx:
            mark_sent(tx, reminder.id, datetime.now(UTC).isoformat())
        sent += 1
    return SendReport(sent, failed)
