"""Withdrawing a target (撤销指标) mid-year: with a reason, once, and handing its weight to
other approved targets so the list keeps the total after a month has closed."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from domain import errors
from domain.targets.target import TargetStatus
from domain.targets.target_list import TargetList, WeightTerms
from tests.unit.helpers import (
    CLOSED_TERMS,
    OPEN_TERMS,
    TOWN,
    full_list,
    office,
    refused,
    target_list,
    unit_user,
)


def _full() -> tuple[TargetList, list[UUID]]:
    targets = target_list()
    return targets, full_list(targets)


def _withdraw(
    targets: TargetList,
    target_id: UUID,
    rebalance: dict[UUID, Decimal],
    terms: WeightTerms = CLOSED_TERMS,
    reason: str | None = "任务已由上级收回",
) -> None:
    targets.withdraw(
        target_id=target_id, rebalance=rebalance, terms=terms, stamp=office(reason=reason)
    )


def test_a_withdrawal_after_a_close_hands_its_weight_to_other_targets() -> None:
    targets, ids = _full()
    _withdraw(targets, ids[0], {ids[1]: Decimal(15), ids[2]: Decimal(15)})
    assert targets.target(ids[0]).status is TargetStatus.WITHDRAWN
    assert targets.approved_total() == 100


def test_after_a_close_a_withdrawal_must_keep_the_total() -> None:
    targets, ids = _full()
    with refused(targets, errors.TargetWeightsIncomplete, "TARGET_WEIGHTS_INCOMPLETE", "rebalance"):
        _withdraw(targets, ids[0], {})


def test_before_any_close_a_withdrawal_may_leave_the_list_short() -> None:
    targets, ids = _full()
    _withdraw(targets, ids[0], {}, terms=OPEN_TERMS)
    assert targets.approved_total() == 90


def test_a_withdrawal_needs_a_reason() -> None:
    targets, ids = _full()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "reason"):
        _withdraw(targets, ids[0], {ids[1]: Decimal(20)}, reason=None)


def test_a_withdrawn_target_is_not_withdrawn_again() -> None:
    targets, ids = _full()
    _withdraw(targets, ids[0], {ids[1]: Decimal(20)})
    with refused(targets, errors.TargetStateInvalid, "TARGET_STATE_INVALID", "target_id"):
        _withdraw(targets, ids[0], {})


def test_a_withdrawn_target_takes_no_share_of_the_rebalance() -> None:
    targets, ids = _full()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "rebalance"):
        _withdraw(targets, ids[0], {ids[0]: Decimal(5), ids[1]: Decimal(20)})


def test_only_the_assessment_office_withdraws_targets() -> None:
    targets, ids = _full()
    with refused(targets, errors.Forbidden, "FORBIDDEN", "by.role"):
        targets.withdraw(
            target_id=ids[0],
            rebalance={ids[1]: Decimal(20)},
            terms=CLOSED_TERMS,
            stamp=unit_user(TOWN).because("不想做了"),
        )
