"""Targets (目标): proposal by the unit, the four-level review (四级联审), dynamic targets,
revision and withdrawal by the office, and a reviewer's score of qualitative work."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import strawberry

from api.common import AmendableInput, YearCommandInput
from api.inputs import uuid_of
from api.mutation import Run, ident, mutation
from api.permissions import Guard, review_guard
from api.target_inputs import TargetSpecInput, WeightInput, rebalance_of
from api.vocabulary import ReviewLevel, domain_value
from domain import vocabulary as v
from domain.actors import Duty


@strawberry.input(description="A command on one unit's targets in a year.")
class UnitTargetsInput(YearCommandInput):
    unit_id: strawberry.ID = strawberry.field(description="The unit whose target list it is.")


@strawberry.input(description="A command on one target.")
class TargetInput(UnitTargetsInput):
    target_id: strawberry.ID = strawberry.field(description="The target.")


@strawberry.input(description="A target the unit proposes for review.")
class ProposeTargetInput(UnitTargetsInput):
    spec: TargetSpecInput = strawberry.field(description="What the target says.")


@strawberry.input(description="One level's decision in the four-level review.")
class ReviewTargetInput(TargetInput):
    level: ReviewLevel = strawberry.field(description="The level deciding; levels go in order.")
    approve: bool = strawberry.field(description="Approve, or return to the unit.")
    reason: str | None = strawberry.field(default=None, description="Why; required when returning.")


@strawberry.input(description="A returned target, proposed again as changed.")
class ResubmitTargetInput(TargetInput):
    spec: TargetSpecInput = strawberry.field(description="What the target now says.")


@strawberry.input(description="A change of targets that keeps the weights right.")
class RebalancedInput:
    rebalance: list[WeightInput] = strawberry.field(
        description="Other targets' new weights, so the total stays the rulebook's."
    )
    reason: str = strawberry.field(description="Why (required).")


@strawberry.input(description="A target the office adds mid-year (动态指标).")
class AssignDynamicTargetInput(UnitTargetsInput, RebalancedInput):
    spec: TargetSpecInput = strawberry.field(description="What the target says.")


@strawberry.input(description="An approved target revised.")
class ReviseTargetInput(TargetInput, RebalancedInput):
    spec: TargetSpecInput = strawberry.field(description="What the target now says.")


@strawberry.input(description="A target withdrawn.")
class WithdrawTargetInput(TargetInput, RebalancedInput):
    pass


@strawberry.input(description="A reviewer's score of an approved qualitative target.")
class ScoreTargetInput(TargetInput, AmendableInput):
    score: Decimal = strawberry.field(description="The score given (0 to `outOf`).")
    out_of: Decimal = strawberry.field(description="The score's scale, above 0.")
    reason: str = strawberry.field(description="The basis of the score.")


@strawberry.type(description="The target changed.")
class TargetChanged:
    target_id: strawberry.ID = strawberry.field(description="The target.")
    unit_id: strawberry.ID = strawberry.field(description="Its unit.")


def _ids(input: UnitTargetsInput) -> dict[str, object]:
    ids: dict[str, object] = {"year": input.year, "unit_id": uuid_of(input.unit_id, "input.unitId")}
    if isinstance(input, TargetInput):
        ids["target_id"] = uuid_of(input.target_id, "input.targetId")
    return ids


def _changed(input: UnitTargetsInput, target_id: UUID) -> TargetChanged:
    return TargetChanged(target_id=ident(target_id), unit_id=input.unit_id)


def _rebalancing(input: RebalancedInput) -> dict[str, object]:
    return {"rebalance": rebalance_of(input.rebalance, "input.rebalance"), "reason": input.reason}


_PROPOSE = Guard(Duty.PROPOSE_TARGET, unit_scoped=True)


@strawberry.type
class TargetMutations:
    @mutation(_PROPOSE, "Propose a target of the unit; it enters the four-level review.")
    def propose_target(run: Run, input: ProposeTargetInput) -> TargetChanged:
        spec = input.spec.value("input.spec")
        return _changed(
            input, run.app.propose_target(**_ids(input), spec=spec, **run.command(input))
        )

    @mutation(
        Guard(None),
        "Decide one level of a target's four-level review: business_department by a "
        "reviewer, assessment_office by the office, the last two by a leader.",
    )
    def review_target(run: Run, input: ReviewTargetInput) -> TargetChanged:
        level = domain_value(v.ReviewLevel, input.level)
        review_guard(run.by, level)
        target_id = run.app.review_target(
            **_ids(input),
            level=level,
            approve=input.approve,
            reason=input.reason,
            **run.command(input),
        )
        return _changed(input, target_id)

    @mutation(_PROPOSE, "Propose a returned target again, as changed.")
    def resubmit_target(run: Run, input: ResubmitTargetInput) -> TargetChanged:
        spec = input.spec.value("input.spec")
        return _changed(
            input, run.app.resubmit_target(**_ids(input), spec=spec, **run.command(input))
        )

    @mutation(Guard(Duty.ASSIGN_DYNAMIC_TARGET), "Assign a dynamic target (动态指标) mid-year.")
    def assign_dynamic_target(run: Run, input: AssignDynamicTargetInput) -> TargetChanged:
        target_id = run.app.assign_dynamic_target(
            **_ids(input),
            spec=input.spec.value("input.spec"),
            **_rebalancing(input),
            **run.command(input),
        )
        return _changed(input, target_id)

    @mutation(Guard(Duty.REVISE_TARGET), "Revise an approved target, with a reason.")
    def revise_target(run: Run, input: ReviseTargetInput) -> TargetChanged:
        target_id = run.app.revise_target(
            **_ids(input),
            spec=input.spec.value("input.spec"),
            **_rebalancing(input),
            **run.command(input),
        )
        return _changed(input, target_id)

    @mutation(Guard(Duty.WITHDRAW_TARGET), "Withdraw a target, with a reason.")
    def withdraw_target(run: Run, input: WithdrawTargetInput) -> TargetChanged:
        target_id = run.app.withdraw_target(
            **_ids(input),
            **_rebalancing(input),
            **run.command(input),
        )
        return _changed(input, target_id)

    @mutation(Guard(Duty.SCORE_TARGET), "Score an approved qualitative target (reviewer).")
    def score_target(run: Run, input: ScoreTargetInput) -> TargetChanged:
        target_id = run.app.score_target(
            **_ids(input),
            score=input.score,
            out_of=input.out_of,
            reason=input.reason,
            amendment_reason=input.amendment_reason,
            **run.command(input),
        )
        return _changed(input, target_id)
