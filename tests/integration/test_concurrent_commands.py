"""Two server processes race on the same aggregate (issue 3, point 6).

Each racer is its own application instance on the same store. `GatedSave` holds both
saves until both commands have decided on the same state, so the store's version check
is what must stop the lost update: the loser retries on fresh state and meets the rule.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from application.command import MAX_ATTEMPTS
from domain import errors
from domain.actors import Actor
from domain.ids import target_list_id, year_id
from domain.targets.target_list import TargetList
from domain.unit import Unit
from domain.vocabulary import REVIEW_ORDER, ReviewLevel, Role
from infrastructure.clock import ManualClock
from tests.builders import (
    LEADER,
    OFFICE,
    REVIEW_ACTORS,
    REVIEWER,
    YEAR,
    approved_target,
    enrolled_unit,
    filler,
    new_unit,
    open_year,
    quantitative,
)
from tests.scenarios import (
    RACE_TIMEOUT,
    GatedSave,
    Outcomes,
    second_instance,
    topics,
)

# Both stores, whatever DUKAO_TEST_STORES says: the race must be shown on PostgreSQL.
pytestmark = pytest.mark.parametrize("store_url", ["postgres", "sqlite"], indirect=True)

ANOTHER_REVIEWER = Actor(user_id="reviewer-liu", role=Role.REVIEWER)
ANOTHER_LEADER = Actor(user_id="leader-qian", role=Role.LEADER)


@pytest.fixture
def rival(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    application = second_instance(store_url, clock, seed=11)
    yield application
    application.close()


def target_list(app: AssessmentApplication, unit_id: UUID) -> TargetList:
    list_id = target_list_id(year_id(app.jurisdiction, YEAR), unit_id)
    return app.read(TargetList, list_id, field="unit_id")


def race(
    first: AssessmentApplication,
    second: AssessmentApplication,
    calls: dict[str, Callable[[], object]],
) -> Outcomes:
    """Both commands decide on the same state; then exactly one save meets a conflict."""
    barrier = threading.Barrier(2, timeout=RACE_TIMEOUT)
    instances = [first] if first is second else [first, second]
    gates = [GatedSave(instance, barrier) for instance in instances]
    outcomes = Outcomes()
    outcomes.run(calls)
    assert sum(gate.conflicts for gate in gates) == 1, "the race did not reach the store"
    return outcomes


def review(
    app: AssessmentApplication, unit_id: UUID, target_id: UUID, level: ReviewLevel, by: Actor
) -> Callable[[], UUID]:
    return lambda: app.review_target(
        year=YEAR, unit_id=unit_id, target_id=target_id, level=level, approve=True, by=by
    )


@pytest.mark.parametrize("servers", ["two processes", "two threads of one process"])
def test_two_reviewers_approving_the_same_level_at_once_store_one_approval(
    app: AssessmentApplication, rival: AssessmentApplication, servers: str
) -> None:
    """Threads of one process share its aggregate cache; the store still decides."""
    other = rival if servers == "two processes" else app
    open_year(app)
    unit = enrolled_unit(app, "T01")
    target = app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))
    before = len(topics(app))
    level = ReviewLevel.BUSINESS_DEPARTMENT

    outcomes = race(
        app,
        other,
        {
            "first": review(app, unit, target, level, REVIEWER),
            "second": review(other, unit, target, level, ANOTHER_REVIEWER),
        },
    )

    assert len(outcomes.results) == 1
    [loser] = outcomes.errors.values()
    # Two racers and five attempts: the loser always gets to retry on fresh state.
    assert type(loser) is errors.ReviewOutOfOrder, loser
    assert loser.field == "level"
    assert topics(app)[before:] == ["TargetApproved"]
    assert target_list(app, unit).target(target).awaiting is REVIEW_ORDER[1]


def test_two_final_approvals_that_together_exceed_the_total_store_only_one(
    app: AssessmentApplication, rival: AssessmentApplication
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    for _ in range(9):
        approved_target(app, unit, quantitative())
    pending = [
        app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))
        for _ in range(2)
    ]
    for target in pending:
        for level in REVIEW_ORDER[:-1]:
            app.review_target(
                year=YEAR,
                unit_id=unit,
                target_id=target,
                level=level,
                approve=True,
                by=REVIEW_ACTORS[level],
            )
    before = len(topics(app))
    last = REVIEW_ORDER[-1]

    outcomes = race(
        app,
        rival,
        {
            "first": review(app, unit, pending[0], last, LEADER),
            "second": review(rival, unit, pending[1], last, ANOTHER_LEADER),
        },
    )

    assert len(outcomes.results) == 1
    [loser] = outcomes.errors.values()
    assert type(loser) is errors.TargetWeightsExceedTotal, loser
    assert loser.field == "weight"
    assert topics(app)[before:] == ["TargetApproved"]
    assert target_list(app, unit).approved_total() == Decimal(100)
    assert target_list(rival, unit).approved_total() == Decimal(100)


def test_the_same_unit_code_registered_at_once_exists_once(
    app: AssessmentApplication, rival: AssessmentApplication
) -> None:
    """The unit's id comes from its code, so two registrations are one aggregate's
    first event twice: the loser retries and finds the code taken."""
    outcomes = race(
        app,
        rival,
        {
            "first": lambda: app.register_unit(
                unit=new_unit("T01", name="东城街道"), since_year=YEAR, by=OFFICE
            ),
            "second": lambda: rival.register_unit(
                unit=new_unit("T01", name="西城街道"), since_year=YEAR, by=OFFICE
            ),
        },
    )

    [(winner, unit)] = outcomes.results.items()
    assert isinstance(unit, UUID)
    [loser] = outcomes.errors.values()
    assert type(loser) is errors.AlreadyExists
    assert loser.field == "code"
    assert topics(app) == ["Registered"]
    expected = "东城街道" if winner == "first" else "西城街道"
    assert app.read(Unit, unit, field="unit_id").name_in(YEAR) == expected


def test_a_command_that_keeps_losing_the_race_gives_up_with_conflict(
    app: AssessmentApplication, rival: AssessmentApplication
) -> None:
    """Before each of our saves, another instance changes the same target list."""
    open_year(app)
    unit = enrolled_unit(app, "T01")
    target = app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))
    save = app.save_aggregates

    def overtaken_save(*aggregates: Any, **kwargs: Any) -> Any:
        rival.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))
        return save(*aggregates, **kwargs)

    app.save_aggregates = overtaken_save  # type: ignore[method-assign]
    before = len(topics(app))
    with pytest.raises(errors.Conflict) as caught:
        review(app, unit, target, ReviewLevel.BUSINESS_DEPARTMENT, REVIEWER)()

    assert caught.value.code == "CONFLICT"
    assert caught.value.field is None
    assert topics(app)[before:] == ["TargetProposed"] * MAX_ATTEMPTS
    assert target_list(app, unit).target(target).awaiting is REVIEW_ORDER[0]
