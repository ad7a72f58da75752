"""No event is stored for a rejected command (issue 3, point 5): targets.

Each case goes through the application on both stores: the error's class, code and
field, a log that did not grow, and no target list half-created.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.actors import Actor
from domain.ids import target_list_id, year_id
from domain.targets.target_list import TargetList
from domain.vocabulary import REVIEW_ORDER
from tests.builders import (
    LEADER,
    OFFICE,
    REVIEWER,
    YEAR,
    enrolled_unit,
    filler,
    full_list,
    new_unit,
    open_year,
    qualitative,
    quantitative,
)
from tests.scenarios import assert_rejected


@pytest.fixture
def unit(app: AssessmentApplication) -> UUID:
    open_year(app)
    return enrolled_unit(app, "T01")


@pytest.fixture
def targets(app: AssessmentApplication, unit: UUID) -> list[UUID]:
    """The unit's full list: even targets qualitative, odd ones quantitative."""
    return full_list(app, unit)


def list_id(app: AssessmentApplication, unit: UUID) -> UUID:
    return target_list_id(year_id(app.jurisdiction, YEAR), unit)


def test_a_first_proposal_for_another_unit_opens_no_target_list(
    app: AssessmentApplication, unit: UUID
) -> None:
    neighbour = enrolled_unit(app, "T02")
    assert_rejected(
        app,
        errors.Forbidden,
        "unit_id",
        lambda: app.propose_target(
            year=YEAR, unit_id=unit, spec=quantitative(), by=filler(neighbour)
        ),
    )
    assert app.find(TargetList, list_id(app, unit)) is None
    stranger = app.register_unit(unit=new_unit("T03"), since_year=YEAR, by=OFFICE)
    assert_rejected(
        app,
        errors.NotEnrolled,
        "unit_id",
        lambda: app.propose_target(year=YEAR, unit_id=stranger, spec=quantitative(), by=OFFICE),
    )
    assert app.find(TargetList, list_id(app, stranger)) is None


def test_review_out_of_order_by_the_wrong_role_or_returned_without_reason(
    app: AssessmentApplication, unit: UUID
) -> None:
    target = app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))

    def review(level: int, approve: bool = True, by: Actor = REVIEWER) -> UUID:
        return app.review_target(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            level=REVIEW_ORDER[level],
            approve=approve,
            by=by,
        )

    assert_rejected(app, errors.ReviewOutOfOrder, "level", lambda: review(3, by=LEADER))
    assert_rejected(app, errors.Forbidden, "level", lambda: review(0, by=OFFICE))
    assert_rejected(app, errors.InvalidInput, "reason", lambda: review(0, approve=False))
    assert_rejected(
        app,
        errors.NotFound,
        "target_id",
        lambda: app.review_target(
            year=YEAR,
            unit_id=unit,
            target_id=list_id(app, unit),
            level=REVIEW_ORDER[0],
            approve=True,
            by=REVIEWER,
        ),
    )


def test_resubmit_a_target_that_was_not_returned(app: AssessmentApplication, unit: UUID) -> None:
    target = app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))
    assert_rejected(
        app,
        errors.TargetStateInvalid,
        "target_id",
        lambda: app.resubmit_target(
            year=YEAR, unit_id=unit, target_id=target, spec=qualitative(), by=filler(unit)
        ),
    )


def test_a_dynamic_target_beyond_the_total_or_without_reason(
    app: AssessmentApplication, unit: UUID, targets: list[UUID]
) -> None:
    def assign(reason: str, rebalance: dict[UUID, Decimal]) -> UUID:
        return app.assign_dynamic_target(
            year=YEAR,
            unit_id=unit,
            spec=quantitative("5"),
            rebalance=rebalance,
            reason=reason,
            by=OFFICE,
        )

    assert_rejected(
        app, errors.TargetWeightsExceedTotal, "weight", lambda: assign("县委新部署", {})
    )
    assert_rejected(
        app, errors.InvalidInput, "reason", lambda: assign(" ", {targets[0]: Decimal(5)})
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "rebalance",
        lambda: assign("县委新部署", {targets[0]: Decimal(0)}),
    )
    assert len(app.read(TargetList, list_id(app, unit), field="unit_id").targets) == 10


def test_revise_with_the_target_in_its_own_rebalance_or_a_proposal(
    app: AssessmentApplication, unit: UUID, targets: list[UUID]
) -> None:
    proposed = app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=filler(unit))

    def revise(target: UUID, rebalance: dict[UUID, Decimal]) -> UUID:
        return app.revise_target(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            spec=quantitative("8"),
            rebalance=rebalance,
            reason="目标调整",
            by=OFFICE,
        )

    assert_rejected(
        app, errors.InvalidInput, "rebalance", lambda: revise(targets[1], {targets[1]: Decimal(12)})
    )
    assert_rejected(app, errors.TargetNotApproved, "target_id", lambda: revise(proposed, {}))


def test_withdraw_twice_or_rebalancing_a_stranger(
    app: AssessmentApplication, unit: UUID, targets: list[UUID]
) -> None:
    def withdraw(target: UUID, rebalance: dict[UUID, Decimal]) -> UUID:
        return app.withdraw_target(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            rebalance=rebalance,
            reason="任务取消",
            by=OFFICE,
        )

    withdraw(targets[9], {targets[8]: Decimal(20)})
    assert_rejected(
        app,
        errors.TargetStateInvalid,
        "target_id",
        lambda: withdraw(targets[9], {targets[8]: Decimal(10)}),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "rebalance",
        lambda: withdraw(targets[7], {targets[9]: Decimal(10)}),
    )


def test_score_a_quantitative_target_or_beyond_full_marks(
    app: AssessmentApplication, unit: UUID, targets: list[UUID]
) -> None:
    def score(target: UUID, points: str) -> UUID:
        return app.score_target(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            score=Decimal(points),
            out_of=Decimal(10),
            reason="年中评分",
            by=REVIEWER,
        )

    assert_rejected(app, errors.TargetStateInvalid, "target_id", lambda: score(targets[1], "8"))
    assert_rejected(app, errors.InvalidInput, "score", lambda: score(targets[0], "11"))
    assert_rejected(
        app,
        errors.InvalidInput,
        "amendment_reason",
        lambda: app.score_target(
            year=YEAR,
            unit_id=unit,
            target_id=targets[0],
            score=Decimal(8),
            out_of=Decimal(10),
            reason="年中评分",
            amendment_reason="不是定稿年度",
            by=REVIEWER,
        ),
    )
