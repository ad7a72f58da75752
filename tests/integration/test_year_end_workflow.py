"""The year end through the application on both stores: each step is stored in order with
its actor, objections are recorded and answered, and a step out of order stores nothing."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import orjson
import pytest

from application.app import AssessmentApplication
from domain import errors
from infrastructure.clock import ManualClock
from tests import year_end_scenario
from tests.builders import LEADER, OFFICE, YEAR, enrolled_unit, filler, full_list, open_year
from tests.scenarios import assert_rejected, close_months, event_count, topics


@pytest.fixture
def units(app: AssessmentApplication, clock: ManualClock) -> tuple[UUID, UUID]:
    """Two units with full lists, and all twelve months closed."""
    open_year(app)
    town, department = enrolled_unit(app, "T01"), enrolled_unit(app, "D01")
    full_list(app, town)
    full_list(app, department)
    close_months(app, clock)
    return town, department


def test_the_year_end_is_stored_step_by_step_with_its_actors(
    app: AssessmentApplication, clock: ManualClock, units: tuple[UUID, UUID]
) -> None:
    before = event_count(app)
    year_end_scenario.decide(app, clock, units)
    app.finalize_year(year=YEAR, by=LEADER)
    stored = app.recorder.select_notifications(start=before + 1, limit=100)
    on_the_year = [n for n in stored if n.topic.startswith("domain.year:")]
    assert [n.topic.rsplit(".", 1)[-1] for n in on_the_year] == [
        "SelfCheckSubmitted",
        "SelfCheckSubmitted",
        "CentralizedReviewHeld",
        "SpotCheckHeld",
        "DemocraticEvaluationHeld",
        "ScoresAggregated",
        "UnitsRanked",
        "PreliminaryReviewPassed",
        "ResultsAnnounced",
        "ResultsDecided",
        "Finalized",
    ]
    roles = [orjson.loads(n.state)["meta"]["actor_role"] for n in on_the_year]
    assert roles == ["unit", "unit", *["assessment_office"] * 5, "leader",
                     "assessment_office", "leader", "leader"]  # fmt: skip


def test_a_step_out_of_order_stores_nothing(
    app: AssessmentApplication, units: tuple[UUID, UUID]
) -> None:
    town, department = units
    assert_rejected(
        app,
        errors.YearEndStepOutOfOrder,
        "year",
        lambda: app.finalize_year(year=YEAR, by=LEADER),
    )
    app.submit_self_check(year=YEAR, unit_id=town, summary="自查完成", by=filler(town))
    assert_rejected(
        app,
        errors.YearEndStepOutOfOrder,
        "year",
        lambda: app.hold_centralized_review(year=YEAR, summary="会审", by=OFFICE),
    )
    assert_rejected(
        app,
        errors.Forbidden,
        "unit_id",
        lambda: app.submit_self_check(year=YEAR, unit_id=department, summary="代", by=filler(town)),
    )
    assert_rejected(
        app,
        errors.AlreadyExists,
        "unit_id",
        lambda: app.submit_self_check(year=YEAR, unit_id=town, summary="再", by=filler(town)),
    )
    assert_rejected(
        app,
        errors.Forbidden,
        "by.role",
        lambda: app.aggregate_scores(year=YEAR, by=filler(town)),
    )


def test_objections_are_recorded_answered_and_only_then_decided(
    app: AssessmentApplication, clock: ManualClock, units: tuple[UUID, UUID]
) -> None:
    town, _ = units
    year_end_scenario.announce(app, clock, units)
    number = app.raise_objection(year=YEAR, unit_id=town, grounds="红旗加分漏计", by=filler(town))
    clock.set(year_end_scenario.COMMITTEE_MEETS)
    assert_rejected(
        app,
        errors.ObjectionPeriodOver,
        "year",
        lambda: app.raise_objection(year=YEAR, unit_id=town, grounds="迟", by=filler(town)),
    )
    assert_rejected(
        app,
        errors.ObjectionsUnanswered,
        "objections",
        lambda: app.decide_results(year=YEAR, basis="常委会纪要", by=LEADER),
    )
    app.answer_objection(year=YEAR, number=number, upheld=True, answer="已核实补计", by=OFFICE)
    assert_rejected(
        app,
        errors.ObjectionStateInvalid,
        "number",
        lambda: app.answer_objection(year=YEAR, number=number, upheld=True, answer="再", by=OFFICE),
    )
    app.decide_results(year=YEAR, basis="常委会纪要", by=LEADER)
    assert topics(app)[-3:] == ["ObjectionRaised", "ObjectionAnswered", "ResultsDecided"]


def test_the_announcement_needs_an_objection_period_ahead(
    app: AssessmentApplication, clock: ManualClock, units: tuple[UUID, UUID]
) -> None:
    year_end_scenario.announce(app, clock, units)
    assert_rejected(
        app,
        errors.YearEndStepOutOfOrder,
        "year",
        lambda: app.announce_results(year=YEAR, objections_until=date(YEAR + 1, 1, 9), by=OFFICE),
    )
    assert_rejected(
        app,
        errors.YearEndStepOutOfOrder,
        "year",
        lambda: app.decide_results(year=YEAR, basis="纪要", by=LEADER),
    )
