"""Whatever the office does to a unit's list — approvals, dynamic targets, revisions,
withdrawals, in any order — its approved weights never exceed the rulebook total, and
once a month has closed they always equal it; a refused change leaves the list as it was."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.targets.target_list import TargetList, WeightTerms
from tests.builders import quantitative
from tests.unit.helpers import approve, full_list, office, target_list, unit_user

TOTAL = Decimal(100)
weights = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(60), places=2)
steps = st.lists(
    st.tuples(
        st.sampled_from(["approve", "fill", "dynamic", "revise", "withdraw", "close"]),
        weights,
        st.integers(0, 20),
        weights,
    ),
    max_size=14,
)


def _approved(targets: TargetList) -> list[UUID]:
    return sorted((t.id for t in targets.targets.values() if t.is_approved), key=str)


def _act(targets: TargetList, step: tuple[str, Decimal, int, Decimal], terms: WeightTerms) -> None:
    action, weight, pick, other_weight = step
    if action == "fill":
        # Top the list up to exactly the total, so that months can close.
        action, weight = "approve", TOTAL - targets.approved_total()
        if weight <= 0:
            return
    spec = quantitative(weight=str(weight))
    ids = _approved(targets)
    chosen = ids[pick % len(ids)] if ids else None
    others = [i for i in ids if i != chosen]
    rebalance = {others[pick % len(others)]: other_weight} if others else {}
    reasoned = office(reason="调整")
    if action == "approve":
        new_id = targets.propose(spec=spec, stamp=unit_user(targets.unit_id))
        approve(targets, new_id, terms=terms)
    elif action == "dynamic":
        targets.assign_dynamic(spec=spec, rebalance=rebalance, terms=terms, stamp=reasoned)
    elif action == "revise" and chosen is not None:
        targets.revise(
            target_id=chosen, spec=spec, rebalance=rebalance, terms=terms, stamp=reasoned
        )
    elif action == "withdraw" and chosen is not None:
        targets.withdraw(target_id=chosen, rebalance=rebalance, terms=terms, stamp=reasoned)


def _weights(targets: TargetList) -> dict[UUID, Any]:
    return {t.id: (t.status, t.spec.weight) for t in targets.targets.values()}


@settings(max_examples=100, deadline=None)
@given(st.booleans(), steps)
def test_approved_weights_never_exceed_the_total_and_stay_whole_after_a_close(
    mid_year: bool, plan: list[tuple[str, Decimal, int, Decimal]]
) -> None:
    targets = target_list()
    if mid_year:
        full_list(targets)
    closed = mid_year
    for step in plan:
        if step[0] == "close":
            # The year closes a month only when the list is whole (AssessmentYear.close_month).
            closed = closed or targets.approved_total() == TOTAL
            continue
        before, version = _weights(targets), targets.version
        try:
            _act(targets, step, WeightTerms(total=TOTAL, must_be_complete=closed))
        except DomainError:
            # A four-level approval refused at the last level keeps its earlier levels.
            if step[0] not in ("approve", "fill"):
                assert (_weights(targets), targets.version) == (before, version)
        targets.collect_events()
        assert targets.approved_total() <= TOTAL
        if closed:
            assert targets.approved_total() == TOTAL
    event("a month closed" if closed else "no month closed")
