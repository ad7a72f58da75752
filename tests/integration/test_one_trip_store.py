"""The one-trip store function keeps the library's write semantics on PostgreSQL:
events commit in order with their idempotency record, all or nothing, and listeners
are notified."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent
from psycopg import sql

from application.app import AssessmentApplication
from application.ports import IdempotencyRecord
from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings

TOPIC = "domain.reports.monthly_return:MonthlyReturn.ProgressReported"
pytestmark = pytest.mark.parametrize("store_url", ["postgres"], indirect=True)


def event(originator: uuid.UUID, version: int) -> StoredEvent:
    return StoredEvent(originator, version, TOPIC, b'{"x": 1}')


def test_events_get_their_notification_ids_in_order(app: AssessmentApplication) -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    ids = app.recorder.insert_events([event(first, 1), event(second, 1), event(first, 2)])

    logged = app.recorder.select_notifications(start=1, limit=10)
    assert ids == [n.id for n in logged]
    assert [(n.originator_id, n.originator_version) for n in logged] == [
        (first, 1),
        (second, 1),
        (first, 2),
    ]


def test_a_conflicting_write_stores_neither_its_events_nor_its_key(
    app: AssessmentApplication,
) -> None:
    taken = uuid.uuid4()
    app.recorder.insert_events([event(taken, 1)])
    record = IdempotencyRecord("filler-1\x1fkey-1", "hash", b'"result"')

    with pytest.raises(IntegrityError):
        app.recorder.insert_events([event(uuid.uuid4(), 1), event(taken, 1)], idempotency=record)

    assert len(app.recorder.select_notifications(start=1, limit=10)) == 1
    assert app.recorder.find_idempotency_record(record.key) is None  # type: ignore[attr-defined]


def test_a_reused_key_stores_nothing(app: AssessmentApplication) -> None:
    record = IdempotencyRecord("filler-1\x1fkey-1", "hash", b'"result"')
    app.recorder.insert_events([event(uuid.uuid4(), 1)], idempotency=record)

    with pytest.raises(IntegrityError):
        app.recorder.insert_events([event(uuid.uuid4(), 1)], idempotency=record)

    assert len(app.recorder.select_notifications(start=1, limit=10)) == 1
    assert app.recorder.find_idempotency_record(record.key) == record  # type: ignore[attr-defined]


def test_a_key_without_events_is_stored_alone(app: AssessmentApplication) -> None:
    record = IdempotencyRecord("filler-1\x1fkey-2", "hash", b'"result"')

    assert app.recorder.insert_events([], idempotency=record) is None

    assert app.recorder.find_idempotency_record(record.key) == record  # type: ignore[attr-defined]
    assert app.recorder.select_notifications(start=1, limit=10) == []


def test_listeners_on_the_channel_are_notified(app: AssessmentApplication, store_url: str) -> None:
    recorder = app.recorder
    with psycopg.connect(store_url.split("?", 1)[0], autocommit=True) as listener:
        channel = sql.Identifier(recorder.channel_name)  # type: ignore[attr-defined]
        listener.execute(sql.SQL("LISTEN {}").format(channel))
        recorder.insert_events([event(uuid.uuid4(), 1)])
        heard = list(listener.notifies(timeout=5, stop_after=1))

    assert [n.channel for n in heard] == [recorder.channel_name]  # type: ignore[attr-defined]


def test_a_store_made_by_an_earlier_version_loses_its_old_store_function(
    app: AssessmentApplication, store_url: str
) -> None:
    """An overload of the store function left by an earlier version would make its name
    ambiguous; opening the store drops it."""
    database, schema = store_url.split("?schema=")
    function = f"{app.recorder.events_table_name}_store"  # type: ignore[attr-defined]
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE FUNCTION {}.{}(events {}.{}[], k text, h text, r bytea) "
                "RETURNS SETOF bigint LANGUAGE sql AS 'SELECT 1::bigint'"
            ).format(
                sql.Identifier(schema),
                sql.Identifier(function),
                sql.Identifier(schema),
                sql.Identifier(app.recorder.stored_event_type_name),  # type: ignore[attr-defined]
            )
        )

    reopened = build_application(Settings(store_url))
    try:
        reopened.recorder.insert_events([event(uuid.uuid4(), 1)])
    finally:
        reopened.close()

    with psycopg.connect(database, autocommit=True) as conn:
        [(overloads,)] = conn.execute(
            "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = %s AND p.proname = %s",
            (schema, function),
        ).fetchall()
    assert overloads == 1
