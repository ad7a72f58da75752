"""Mid-year changes to an approved list — dynamic targets (动态指标), revisions and
withdrawals — keep the total, and reviewers score only approved qualitative targets."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from domain import errors
from domain.targets.target import TargetStatus
from domain.targets.target_list import TargetList
from domain.vocabulary import Role
from tests.builders import qualitative, quantitative
from tests.unit.helpers import (
    CLOSED_TERMS,
    OPEN_TERMS,
    TOWN,
    approved,
    event_names,
    full_list,
    office,
    refused,
    stamp,
    target_list,
    unit_user,
)

BECAUSE = "县委新增专项任务"


def _full() -> tuple[TargetList, list[UUID]]:
    targets = target_list()
    return targets, full_list(targets)


def _assign(targets: TargetList, rebalance: dict[UUID, Decimal], **kw: object) -> UUID:
    arguments: dict[str, object] = {
        "spec": quantitative(weight="5", title="森林防火"),
        "rebalance": rebalance,
        "terms": CLOSED_TERMS,
        "stamp": office(reason=BECAUSE),
    }
    arguments.update(kw)
    return targets.assign_dynamic(**arguments)  # type: ignore[arg-type]


def test_a_dynamic_target_after_a_close_rebalances_to_the_total() -> None:
    targets, ids = _full()
    new_id = _assign(targets, {ids[0]: Decimal(5)})
    assert event_names(targets) == ["DynamicTargetAssigned"]
    assert targets.target(new_id).status is TargetStatus.APPROVED
    assert targets.target(ids[0]).spec.weight == 5
    assert targets.approved_total() == 100


def test_a_dynamic_target_that_leaves_the_list_above_the_total_is_refused() -> None:
    targets, _ = _full()
    with refused(targets, errors.TargetWeightsExceedTotal, "TARGET_WEIGHTS_EXCEED_TOTAL", "weight"):
        _assign(targets, {})


def test_after_a_close_a_dynamic_target_must_keep_the_list_at_the_total() -> None:
    targets, ids = _full()
    with refused(targets, errors.TargetWeightsIncomplete, "TARGET_WEIGHTS_INCOMPLETE", "rebalance"):
        _assign(targets, {ids[0]: Decimal(4)})


def test_before_any_close_a_dynamic_target_may_leave_room_under_the_total() -> None:
    targets = target_list()
    approved(targets, qualitative(weight="50"))
    _assign(targets, {}, terms=OPEN_TERMS)
    assert targets.approved_total() == 55


def test_a_dynamic_target_needs_a_reason() -> None:
    targets, ids = _full()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "reason"):
        _assign(targets, {ids[0]: Decimal(5)}, stamp=office(reason=" "))


def test_only_the_assessment_office_assigns_dynamic_targets() -> None:
    targets, ids = _full()
    with refused(targets, errors.Forbidden, "FORBIDDEN", "by.role"):
        _assign(targets, {ids[0]: Decimal(5)}, stamp=stamp(Role.LEADER, reason=BECAUSE))


def test_a_rebalance_names_only_approved_targets_of_the_list() -> None:
    targets, ids = _full()
    waiting = targets.propose(spec=qualitative(), stamp=unit_user(TOWN))
    targets.collect_events()
    for stranger in (uuid4(), waiting):
        with refused(targets, errors.InvalidInput, "INVALID_INPUT", "rebalance"):
            _assign(targets, {ids[0]: Decimal(10), stranger: Decimal(5)})


@pytest.mark.parametrize("weight", ["0", "-5", "NaN"])
def test_a_rebalanced_weight_is_a_positive_number(weight: str) -> None:
    targets, ids = _full()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "rebalance"):
        _assign(targets, {ids[0]: Decimal(weight)})


def test_a_revision_moves_weight_between_approved_targets() -> None:
    targets, ids = _full()
    targets.revise(
        target_id=ids[1],
        spec=quantitative(weight="12", goal="14"),
        rebalance={ids[2]: Decimal(8)},
        terms=CLOSED_TERMS,
        stamp=office(reason="上级调整任务量"),
    )
    assert [targets.target(i).spec.weight for i in ids[1:3]] == [12, 8]
    assert targets.approved_total() == 100


def test_a_revision_needs_a_reason() -> None:
    targets, ids = _full()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "reason"):
        targets.revise(
            target_id=ids[1], spec=quantitative(), rebalance={}, terms=CLOSED_TERMS, stamp=office()
        )


def test_only_an_approved_target_is_revised() -> None:
    targets = target_list()
    waiting = targets.propose(spec=quantitative(), stamp=unit_user(TOWN))
    with refused(targets, errors.TargetNotApproved, "TARGET_NOT_APPROVED", "target_id"):
        targets.revise(
            target_id=waiting,
            spec=quantitative(),
            rebalance={},
            terms=OPEN_TERMS,
            stamp=office(reason=BECAUSE),
        )


def test_a_revised_targets_own_weight_is_in_its_spec_not_the_rebalance() -> None:
    targets, ids = _full()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "rebalance"):
        targets.revise(
            target_id=ids[1],
            spec=quantitative(),
            rebalance={ids[1]: Decimal(10)},
            terms=CLOSED_TERMS,
            stamp=office(reason=BECAUSE),
        )


def test_after_a_close_a_revision_must_keep_the_total() -> None:
    targets, ids = _full()
    with refused(targets, errors.TargetWeightsIncomplete, "TARGET_WEIGHTS_INCOMPLETE", "rebalance"):
        targets.revise(
            target_id=ids[1],
            spec=quantitative(weight="8"),
            rebalance={},
            terms=CLOSED_TERMS,
            stamp=office(reason=BECAUSE),
        )


def test_a_revision_cannot_push_the_list_above_the_total() -> None:
    targets, ids = _full()
    with refused(targets, errors.TargetWeightsExceedTotal, "TARGET_WEIGHTS_EXCEED_TOTAL", "weight"):
        targets.revise(
            target_id=ids[1],
            spec=quantitative(weight="11"),
            rebalance={},
            terms=OPEN_TERMS,
            stamp=office(reason=BECAUSE),
        )
