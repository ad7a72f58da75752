"""Batched saves (application/batching.py): many commands, one transaction; the same
log as one transaction each; nothing kept when anything fails; the read versions still
checked by the store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

from application.app import AssessmentApplication
from domain import errors
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.settings import Settings
from tests.builders import LEADER, OFFICE, YEAR, enrolled_unit, full_list, open_year, quantitative
from tests.scenarios import event_count, second_instance


def log_of(app: AssessmentApplication) -> list[tuple[Any, ...]]:
    last = event_count(app)
    return [
        (n.originator_id, n.originator_version, n.topic, n.state)
        for n in app.recorder.select_notifications(start=1, limit=last)
    ]


def a_year(app: AssessmentApplication) -> None:
    open_year(app)
    for code in ("T01", "T02", "T03"):
        full_list(app, enrolled_unit(app, code))


@pytest.fixture
def twin(tmp_path: Any) -> Iterator[AssessmentApplication]:
    clock = ManualClock(datetime(2025, 1, 6, 9, 0, tzinfo=OFFICE_TZ))
    twin = build_application(
        Settings(f"sqlite:///{tmp_path}/twin.sqlite"), clock=clock, ids=SeededIds(7)
    )
    yield twin
    twin.close()


def test_a_batch_writes_the_log_one_command_at_a_time_would(
    app: AssessmentApplication, twin: AssessmentApplication
) -> None:
    calls = []
    insert = app.recorder.insert_events

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(args[0]))
        return insert(*args, **kwargs)

    app.recorder.insert_events = counted  # type: ignore[method-assign]
    with app.batched_saves(size=50):
        a_year(app)
    a_year(twin)

    assert log_of(app) == log_of(twin)
    commands = 1 + 1 + 3 * (2 + 10 * 5)  # open, adopt, and per unit: register, enrol, lists
    assert len(calls) == -(-commands // 50)


def test_a_failed_command_inside_leaves_nothing_of_the_batch(
    app: AssessmentApplication,
) -> None:
    open_year(app)
    before = event_count(app)

    enrolled: list[Any] = []

    def a_unit_then_a_bonus_in_a_year_never_opened() -> None:
        with app.batched_saves(size=100):
            enrolled.append(enrolled_unit(app, "T01"))
            app.grant_bonus(
                year=YEAR + 5, unit_id=enrolled[0], points=Decimal(1), reason="无", basis="无",
                by=LEADER,
            )  # fmt: skip

    with pytest.raises(errors.NotFound):
        a_unit_then_a_bonus_in_a_year_never_opened()

    assert event_count(app) == before
    with pytest.raises(errors.NotEnrolled):  # the cached, unwritten enrolment is forgotten
        app.propose_target(year=YEAR, unit_id=enrolled[0], spec=quantitative(), by=OFFICE)


def test_the_store_still_refuses_a_batch_decided_on_a_stale_read(
    app: AssessmentApplication, store_url: str, clock: ManualClock
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    rival = second_instance(store_url, clock, seed=41)
    before = event_count(app)

    def a_target_while_another_server_enrols_a_unit() -> None:
        with app.batched_saves(size=100):
            app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=OFFICE)
            enrolled_unit(rival, "T02")  # moves the year the batch has read

    try:
        with pytest.raises(IntegrityError, match="stale read"):
            a_target_while_another_server_enrols_a_unit()
    finally:
        rival.close()

    assert event_count(app) == before + 2  # the rival's unit and enrolment, nothing else
