"""Repeats under one idempotency key that arrive at once, on two application instances
(issue 3, point 6): the key's row is written in the events' transaction, so one request
wins and the other, refused by the store, answers from the winner's record."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.vocabulary import REVIEW_ORDER
from infrastructure.clock import ManualClock
from tests.builders import LEADER, REVIEWER, YEAR, enrolled_unit, filler, open_year
from tests.builders import quantitative as a_target
from tests.scenarios import (
    RACE_TIMEOUT,
    GatedSave,
    Outcomes,
    event_count,
    second_instance,
    topics,
)

# Both stores, whatever DUKAO_TEST_STORES says: the races must be shown on PostgreSQL,
# where the key's row and the events go in one pipelined transaction.
pytestmark = pytest.mark.parametrize("store_url", ["postgres", "sqlite"], indirect=True)

KEY = "req-7f3a"
Command = Callable[[AssessmentApplication], UUID]


@pytest.fixture
def unit(app: AssessmentApplication) -> UUID:
    open_year(app)
    return enrolled_unit(app, "T01")


@pytest.fixture
def rival(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    application = second_instance(store_url, clock, seed=31)
    yield application
    application.close()


def grant(app: AssessmentApplication, unit: UUID, points: str = "0.5") -> UUID:
    return app.grant_bonus(
        year=YEAR,
        unit_id=unit,
        points=Decimal(points),
        reason="招商引资创新",
        basis="县委常委会纪要",
        by=LEADER,
        idempotency_key=KEY,
    )


def race_twice(
    app: AssessmentApplication,
    rival: AssessmentApplication,
    command: Command,
    rival_command: Command | None = None,
) -> tuple[Outcomes, int]:
    """Both requests decide before either saves; returns outcomes and store conflicts."""
    barrier = threading.Barrier(2, timeout=RACE_TIMEOUT)
    gates = [GatedSave(app, barrier), GatedSave(rival, barrier)]
    outcomes = Outcomes()
    second = rival_command or command
    outcomes.run({"first": lambda: command(app), "second": lambda: second(rival)})
    return outcomes, sum(gate.conflicts for gate in gates)


def test_the_same_grant_sent_twice_at_once_stores_one_bonus(
    app: AssessmentApplication, rival: AssessmentApplication, unit: UUID
) -> None:
    """The two instances draw different bonus ids: only the key can tell the requests
    are one, through its row written in the same transaction as the events."""
    before = event_count(app)

    outcomes, conflicts = race_twice(app, rival, lambda instance: grant(instance, unit))

    assert outcomes.errors == {}
    assert conflicts == 1
    assert outcomes.results["first"] == outcomes.results["second"]
    assert topics(app, after=before) == ["Granted"]


def test_the_same_review_sent_twice_at_once_stores_one_approval(
    app: AssessmentApplication, rival: AssessmentApplication, unit: UUID
) -> None:
    """Here the events conflict as well as the key: the answer is still the first one,
    not REVIEW_OUT_OF_ORDER from a retry."""
    target = app.propose_target(year=YEAR, unit_id=unit, spec=a_target(), by=filler(unit))
    before = event_count(app)

    def review(instance: AssessmentApplication) -> UUID:
        return instance.review_target(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            level=REVIEW_ORDER[0],
            approve=True,
            by=REVIEWER,
            idempotency_key=KEY,
        )

    outcomes, conflicts = race_twice(app, rival, review)

    assert outcomes.errors == {}
    assert conflicts == 1
    assert outcomes.results == {"first": target, "second": target}
    assert topics(app, after=before) == ["TargetApproved"]


def test_a_twin_accepted_after_our_key_check_still_answers_for_us(
    app: AssessmentApplication, rival: AssessmentApplication, unit: UUID
) -> None:
    """The twin commits between our look-up of the key and our decision: on the fresh
    state the approval is out of order, but the caller asked once and gets the answer."""
    target = app.propose_target(year=YEAR, unit_id=unit, spec=a_target(), by=filler(unit))
    before = event_count(app)

    def review(instance: AssessmentApplication) -> UUID:
        return instance.review_target(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            level=REVIEW_ORDER[0],
            approve=True,
            by=REVIEWER,
            idempotency_key=KEY,
        )

    look_up = rival.recorder.find_idempotency_record  # type: ignore[attr-defined]
    twin: list[UUID] = []

    def look_up_then_twin_wins(key: str) -> object:
        found = look_up(key)
        if found is None and not twin:
            twin.append(review(app))
        return found

    rival.recorder.find_idempotency_record = look_up_then_twin_wins  # type: ignore[attr-defined]

    assert review(rival) == target
    assert twin == [target]
    assert topics(app, after=before) == ["TargetApproved"]


def test_two_different_requests_under_one_key_at_once_store_only_the_winner(
    app: AssessmentApplication, rival: AssessmentApplication, unit: UUID
) -> None:
    before = event_count(app)

    outcomes, conflicts = race_twice(
        app,
        rival,
        lambda instance: grant(instance, unit),
        lambda instance: grant(instance, unit, "1.5"),
    )

    assert conflicts == 1
    assert len(outcomes.results) == 1
    [refused] = outcomes.errors.values()
    assert type(refused) is errors.IdempotencyKeyReused
    assert refused.field == "idempotency_key"
    assert topics(app, after=before) == ["Granted"]
