"""Every stored event is hash-chained in its own transaction, in log order, on both
stores; no other path writes an event, and nothing stored is updated or deleted."""

from __future__ import annotations

import sqlite3
import uuid

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from application.app import AssessmentApplication
from domain import errors
from domain.integrity.chain import GENESIS, link
from infrastructure.integrity.verify import verify_store
from tests.builders import OFFICE, REVIEWER, enrolled_unit, new_unit, open_year
from tests.scenarios import assert_rejected, event_count
from tests.tamper import Tamperer

TOPIC = "domain.reports.monthly_return:MonthlyReturn.ProgressReported"


def stored_chain(app: AssessmentApplication) -> list[tuple[int, bytes | None]]:
    return [(row[0], row[2]) for row in app.chained_log().log_rows()]


def test_every_event_a_command_stores_is_chained_in_log_order(app: AssessmentApplication) -> None:
    open_year(app)
    enrolled_unit(app, "T01")

    rows = list(app.chained_log().log_rows())
    head = GENESIS
    for notification_id, canonical, stored in rows:
        assert canonical is not None
        head = link(head, canonical)
        assert stored == head, f"notification id {notification_id}"
    assert [row[0] for row in rows] == list(range(1, event_count(app) + 1))
    assert verify_store(app).intact


def test_a_rejected_command_stores_neither_an_event_nor_a_hash(app: AssessmentApplication) -> None:
    open_year(app)
    before = stored_chain(app)

    assert_rejected(
        app,
        errors.AlreadyExists,
        "year",
        lambda: app.open_year(year=2025, by=OFFICE),
    )
    assert_rejected(
        app,
        errors.Forbidden,
        "by.role",
        lambda: app.register_unit(unit=new_unit("T9"), since_year=2025, by=REVIEWER),
    )
    assert stored_chain(app) == before


def test_a_conflicting_batch_stores_no_hash(app: AssessmentApplication) -> None:
    taken = uuid.uuid4()
    app.recorder.insert_events([StoredEvent(taken, 1, TOPIC, b"{}")])

    with pytest.raises(IntegrityError):
        app.recorder.insert_events(
            [StoredEvent(uuid.uuid4(), 1, TOPIC, b"{}"), StoredEvent(taken, 1, TOPIC, b"{}")]
        )

    assert [n for n, _ in stored_chain(app)] == [1]
    app.recorder.insert_events([StoredEvent(uuid.uuid4(), 1, TOPIC, b"{}")])
    assert verify_store(app).intact


def direct(store_url: str, statement: str, params: tuple[object, ...] = ()) -> None:
    """A statement through a connection of the store's owner, triggers in force."""
    owner = Tamperer(store_url, bypass=False)
    try:
        owner.run(statement, params)
    finally:
        owner.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {events} SET state = state || state WHERE {id} = 1",
        "DELETE FROM {events} WHERE {id} = 1",
        "UPDATE {hashes} SET hash = hash || hash WHERE notification_id = 1",
        "DELETE FROM {hashes} WHERE notification_id = 1",
    ],
    ids=["update event", "delete event", "update hash", "delete hash"],
)
def test_the_log_refuses_changes_even_from_its_owner(
    app: AssessmentApplication, store_url: str, statement: str
) -> None:
    open_year(app)
    before = stored_chain(app)

    with pytest.raises((sqlite3.DatabaseError, psycopg.Error), match="append-only"):
        direct(store_url, statement)

    assert stored_chain(app) == before
    assert verify_store(app).intact


def test_an_event_written_around_the_store_is_refused(
    app: AssessmentApplication, store_url: str
) -> None:
    open_year(app)
    before = stored_chain(app)
    statement = (
        "INSERT INTO {events} (originator_id, originator_version, topic, state) "
        "VALUES (%s, 1, %s, %s)"
    )
    sqlite = store_url.startswith("sqlite")
    originator = uuid.uuid4().hex if sqlite else uuid.uuid4()
    refusal = "no such function" if sqlite else "only through the store function"

    with pytest.raises((sqlite3.DatabaseError, psycopg.Error), match=refusal):
        direct(store_url, statement, (originator, TOPIC, b"{}"))

    assert stored_chain(app) == before


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_the_library_insert_function_that_skips_the_chain_does_not_exist(
    app: AssessmentApplication, store_url: str
) -> None:
    with pytest.raises(psycopg.errors.UndefinedFunction):
        direct(store_url, "SELECT es_insert_events_uuid(ARRAY[]::stored_event_uuid[])")
