"""The four-level review (四级联审) of a unit's targets: who proposes, who decides at each
level, in which order, and why the leading group cannot push a list above 100 points."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from domain import errors
from domain.targets.target import TargetStatus
from domain.targets.target_list import TargetList
from domain.vocabulary import REVIEW_ORDER, ReviewLevel, Role
from tests.builders import qualitative, quantitative
from tests.unit.helpers import (
    OPEN_TERMS,
    OTHER_TOWN,
    REVIEW_ROLE_OF,
    TOWN,
    approve,
    approved,
    event_names,
    office,
    refused,
    stamp,
    target_list,
    unit_user,
)


def _proposed() -> tuple[TargetList, UUID]:
    targets = target_list()
    target_id = targets.propose(spec=quantitative(), stamp=unit_user(TOWN))
    targets.collect_events()
    return targets, target_id


def _decide(targets: TargetList, target_id: UUID, level: ReviewLevel, **kw: object) -> None:
    arguments: dict[str, object] = {
        "target_id": target_id,
        "level": level,
        "approve": True,
        "terms": OPEN_TERMS,
        "stamp": stamp(REVIEW_ROLE_OF[level]),
    }
    arguments.update(kw)
    targets.review(**arguments)


def test_a_unit_proposes_a_target_for_its_own_list() -> None:
    targets = target_list()
    target_id = targets.propose(spec=quantitative(), stamp=unit_user(TOWN))
    assert event_names(targets) == ["TargetProposed"]
    assert targets.target(target_id).awaiting is ReviewLevel.BUSINESS_DEPARTMENT


def test_a_unit_cannot_propose_targets_for_another_unit() -> None:
    targets = target_list()
    with refused(targets, errors.Forbidden, "FORBIDDEN", "unit_id"):
        targets.propose(spec=quantitative(), stamp=unit_user(OTHER_TOWN))


def test_the_assessment_office_may_propose_for_any_unit() -> None:
    targets = target_list()
    targets.propose(spec=quantitative(), stamp=office())
    assert event_names(targets) == ["TargetProposed"]


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.LEADER, Role.SUPERVISION_OFFICE])
def test_only_units_and_the_office_propose_targets(role: Role) -> None:
    targets = target_list()
    with refused(targets, errors.Forbidden, "FORBIDDEN", "by.role"):
        targets.propose(spec=quantitative(), stamp=stamp(role))


def test_a_target_passes_the_four_levels_in_order_and_is_then_approved() -> None:
    targets, target_id = _proposed()
    for level in REVIEW_ORDER:
        assert targets.target(target_id).awaiting is level
        _decide(targets, target_id, level)
    target = targets.target(target_id)
    assert target.status is TargetStatus.APPROVED
    assert target.approved_at is not None


@pytest.mark.parametrize("level", list(ReviewLevel))
def test_each_review_level_is_decided_only_by_its_role(level: ReviewLevel) -> None:
    targets, target_id = _proposed()
    for earlier in REVIEW_ORDER[: REVIEW_ORDER.index(level)]:
        _decide(targets, target_id, earlier)
    for role in Role:
        if role is REVIEW_ROLE_OF[level]:
            continue
        with refused(targets, errors.Forbidden, "FORBIDDEN", "level"):
            _decide(targets, target_id, level, stamp=stamp(role))


def test_the_assessment_office_cannot_review_before_the_business_department() -> None:
    targets, target_id = _proposed()
    with refused(targets, errors.ReviewOutOfOrder, "REVIEW_OUT_OF_ORDER", "level"):
        _decide(targets, target_id, ReviewLevel.ASSESSMENT_OFFICE)


def test_the_leading_group_cannot_approve_before_the_leader_in_charge() -> None:
    targets, target_id = _proposed()
    _decide(targets, target_id, ReviewLevel.BUSINESS_DEPARTMENT)
    _decide(targets, target_id, ReviewLevel.ASSESSMENT_OFFICE)
    with refused(targets, errors.ReviewOutOfOrder, "REVIEW_OUT_OF_ORDER", "level"):
        _decide(targets, target_id, ReviewLevel.LEADING_GROUP)


def test_a_level_does_not_decide_twice() -> None:
    targets, target_id = _proposed()
    _decide(targets, target_id, ReviewLevel.BUSINESS_DEPARTMENT)
    with refused(targets, errors.ReviewOutOfOrder, "REVIEW_OUT_OF_ORDER", "level"):
        _decide(targets, target_id, ReviewLevel.BUSINESS_DEPARTMENT)


def test_an_approved_target_is_not_reviewed_again() -> None:
    targets = target_list()
    target_id = approved(targets, quantitative())
    with refused(targets, errors.ReviewOutOfOrder, "REVIEW_OUT_OF_ORDER", "level"):
        _decide(targets, target_id, ReviewLevel.LEADING_GROUP)


def test_a_review_names_a_target_of_the_list() -> None:
    targets = target_list()
    with refused(targets, errors.NotFound, "NOT_FOUND", "target_id"):
        _decide(targets, uuid4(), ReviewLevel.BUSINESS_DEPARTMENT)


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_a_return_needs_a_reason(reason: str | None) -> None:
    targets, target_id = _proposed()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "reason"):
        _decide(
            targets,
            target_id,
            ReviewLevel.BUSINESS_DEPARTMENT,
            approve=False,
            stamp=stamp(Role.REVIEWER, reason=reason),
        )


def _returned_at_leader_in_charge() -> tuple[TargetList, UUID]:
    targets, target_id = _proposed()
    _decide(targets, target_id, ReviewLevel.BUSINESS_DEPARTMENT)
    _decide(targets, target_id, ReviewLevel.ASSESSMENT_OFFICE)
    _decide(
        targets,
        target_id,
        ReviewLevel.LEADER_IN_CHARGE,
        approve=False,
        stamp=stamp(Role.LEADER, reason="目标值低于上年实绩"),
    )
    targets.collect_events()
    return targets, target_id


def test_a_returned_target_waits_for_the_unit_and_is_not_reviewed() -> None:
    targets, target_id = _returned_at_leader_in_charge()
    assert targets.target(target_id).status is TargetStatus.RETURNED
    with refused(targets, errors.ReviewOutOfOrder, "REVIEW_OUT_OF_ORDER", "level"):
        _decide(targets, target_id, ReviewLevel.LEADING_GROUP)


def test_a_resubmitted_target_restarts_at_the_business_department() -> None:
    targets, target_id = _returned_at_leader_in_charge()
    higher = quantitative(goal="15")
    targets.resubmit(target_id=target_id, spec=higher, stamp=unit_user(TOWN))
    target = targets.target(target_id)
    assert target.awaiting is ReviewLevel.BUSINESS_DEPARTMENT
    assert target.spec == higher


def test_only_a_returned_target_is_resubmitted() -> None:
    targets, target_id = _proposed()
    with refused(targets, errors.TargetStateInvalid, "TARGET_STATE_INVALID", "target_id"):
        targets.resubmit(target_id=target_id, spec=quantitative(), stamp=unit_user(TOWN))


def test_a_unit_cannot_resubmit_another_units_target() -> None:
    targets, target_id = _returned_at_leader_in_charge()
    with refused(targets, errors.Forbidden, "FORBIDDEN", "unit_id"):
        targets.resubmit(target_id=target_id, spec=quantitative(), stamp=unit_user(OTHER_TOWN))


def test_the_leading_group_cannot_approve_a_list_above_the_total() -> None:
    targets = target_list()
    for _ in range(9):
        approved(targets, qualitative(weight="10"))
    last = targets.propose(spec=quantitative(weight="10.01"), stamp=unit_user(TOWN))
    for level in REVIEW_ORDER[:-1]:
        _decide(targets, last, level)
    with refused(targets, errors.TargetWeightsExceedTotal, "TARGET_WEIGHTS_EXCEED_TOTAL", "weight"):
        _decide(targets, last, ReviewLevel.LEADING_GROUP)


def test_the_leading_group_may_complete_a_list_to_exactly_the_total() -> None:
    targets = target_list()
    for _ in range(9):
        approved(targets, qualitative(weight="10"))
    last = targets.propose(spec=quantitative(weight="10"), stamp=unit_user(TOWN))
    approve(targets, last)
    assert targets.approved_total() == 100
