"""A unit's list of targets for one year (年度目标责任清单): the consistency boundary of
the rule that approved weights never exceed the rulebook total and, once a month has
closed, always equal it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain import errors
from domain.actors import REVIEW_ROLES, Duty, require_duty, require_own_unit
from domain.events import Aggregate, Stamp, Value
from domain.ids import target_id as make_target_id
from domain.ids import target_list_id
from domain.targets.spec import Qualitative, TargetSpec
from domain.targets.target import Target, TargetStatus
from domain.vocabulary import REVIEW_ORDER, ReviewLevel


class WeightTerms(Value):
    """The rulebook total, and whether a month has closed (then weights must equal it)."""

    total: Decimal
    must_be_complete: bool


class TargetList(Aggregate):
    class Opened(Aggregate.Created):
        year_id: UUID
        unit_id: UUID
        year: int

        def apply(self, agg: TargetList) -> None:
            agg.year_id, agg.unit_id, agg.year = self.year_id, self.unit_id, self.year
            agg.targets = {}

    class TargetProposed(Aggregate.Event):
        target_id: UUID
        number: int
        spec: TargetSpec

        def apply(self, agg: TargetList) -> None:
            agg.targets[self.target_id] = Target(
                self.target_id, self.number, self.spec, TargetStatus.PROPOSED, 0, False
            )

    class TargetApproved(Aggregate.Event):
        """One level of the four-level review approved; the last level assigns it."""

        target_id: UUID
        level: ReviewLevel

        def apply(self, agg: TargetList) -> None:
            target = agg.targets[self.target_id]
            target.next_level += 1
            if target.next_level == len(REVIEW_ORDER):
                target.status, target.approved_at = TargetStatus.APPROVED, self.timestamp

    class TargetReturned(Aggregate.Event):
        target_id: UUID
        level: ReviewLevel

        def apply(self, agg: TargetList) -> None:
            agg.targets[self.target_id].status = TargetStatus.RETURNED

    class TargetResubmitted(Aggregate.Event):
        target_id: UUID
        spec: TargetSpec

        def apply(self, agg: TargetList) -> None:
            target = agg.targets[self.target_id]
            target.spec, target.status, target.next_level = self.spec, TargetStatus.PROPOSED, 0

    class DynamicTargetAssigned(Aggregate.Event):
        """动态指标: added mid-year by the office, with the weights it rebalanced."""

        target_id: UUID
        number: int
        spec: TargetSpec
        rebalance: dict[UUID, Decimal]

        def apply(self, agg: TargetList) -> None:
            agg.targets[self.target_id] = Target(
                self.target_id,
                self.number,
                self.spec,
                TargetStatus.APPROVED,
                len(REVIEW_ORDER),
                True,
                self.timestamp,
            )
            agg.reweigh(self.rebalance)

    class TargetRevised(Aggregate.Event):
        target_id: UUID
        spec: TargetSpec
        rebalance: dict[UUID, Decimal]

        def apply(self, agg: TargetList) -> None:
            agg.targets[self.target_id].spec = self.spec
            agg.reweigh(self.rebalance)

    class TargetWithdrawn(Aggregate.Event):
        target_id: UUID
        rebalance: dict[UUID, Decimal]

        def apply(self, agg: TargetList) -> None:
            agg.targets[self.target_id].status = TargetStatus.WITHDRAWN
            agg.reweigh(self.rebalance)

    class TargetScored(Aggregate.Event):
        """A reviewer's score of a qualitative target: the number is the fact (§2)."""

        target_id: UUID
        score: Decimal
        out_of: Decimal

        def apply(self, agg: TargetList) -> None:
            target = agg.targets[self.target_id]
            target.score, target.score_out_of = self.score, self.out_of

    year_id: UUID
    unit_id: UUID
    year: int
    targets: dict[UUID, Target]

    @classmethod
    def open(cls, *, year_id: UUID, unit_id: UUID, year: int, stamp: Stamp) -> TargetList:
        return cls._begin(
            cls.Opened,
            id=target_list_id(year_id, unit_id),
            stamp=stamp,
            year_id=year_id,
            unit_id=unit_id,
            year=year,
        )

    def propose(self, *, spec: TargetSpec, stamp: Stamp) -> UUID:
        require_duty(stamp.actor_role, Duty.PROPOSE_TARGET)
        require_own_unit(stamp.actor_role, stamp.acting_unit, self.unit_id)
        new_id, number = self._next_target()
        self._record(self.TargetProposed, stamp, target_id=new_id, number=number, spec=spec)
        return new_id

    def review(
        self,
        *,
        target_id: UUID,
        level: ReviewLevel,
        approve: bool,
        terms: WeightTerms,
        stamp: Stamp,
    ) -> None:
        target = self.target(target_id)
        if stamp.actor_role is not REVIEW_ROLES[level]:
            raise errors.Forbidden(
                f"the {level} level is decided by role '{REVIEW_ROLES[level]}'", field="level"
            )
        if target.awaiting is not level:
            raise errors.ReviewOutOfOrder(
                f"target {target.number} awaits {target.awaiting or 'no review'}, not {level}",
                field="level",
            )
        if not approve:
            _require_reason(stamp)
            self._record(self.TargetReturned, stamp, target_id=target_id, level=level)
            return
        if level is REVIEW_ORDER[-1]:
            self._check_weights(
                {**self._approved_weights(), target_id: target.spec.weight},
                terms,
                must_be_complete=False,
            )
        self._record(self.TargetApproved, stamp, target_id=target_id, level=level)

    def resubmit(self, *, target_id: UUID, spec: TargetSpec, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.PROPOSE_TARGET)
        require_own_unit(stamp.actor_role, stamp.acting_unit, self.unit_id)
        target = self.target(target_id)
        if target.status is not TargetStatus.RETURNED:
            raise errors.TargetStateInvalid(
                f"target {target.number} is {target.status}; only a returned target is resubmitted",
                field="target_id",
            )
        self._record(self.TargetResubmitted, stamp, target_id=target_id, spec=spec)

    def assign_dynamic(
        self,
        *,
        spec: TargetSpec,
        rebalance: Mapping[UUID, Decimal],
        terms: WeightTerms,
        stamp: Stamp,
    ) -> UUID:
        require_duty(stamp.actor_role, Duty.ASSIGN_DYNAMIC_TARGET)
        _require_reason(stamp)
        new_id, number = self._next_target()
        weights = self._rebalanced(dict(rebalance))
        weights[new_id] = spec.weight
        self._check_weights(weights, terms)
        self._record(
            self.DynamicTargetAssigned,
            stamp,
            target_id=new_id,
            number=number,
            spec=spec,
            rebalance=dict(rebalance),
        )
        return new_id

    def revise(
        self,
        *,
        target_id: UUID,
        spec: TargetSpec,
        rebalance: Mapping[UUID, Decimal],
        terms: WeightTerms,
        stamp: Stamp,
    ) -> None:
        require_duty(stamp.actor_role, Duty.REVISE_TARGET)
        _require_reason(stamp)
        self.target(target_id).require_approved()
        if target_id in rebalance:
            raise errors.InvalidInput(
                "the revised target's weight is in its spec", field="rebalance"
            )
        weights = self._rebalanced(dict(rebalance))
        weights[target_id] = spec.weight
        self._check_weights(weights, terms)
        self._record(
            self.TargetRevised, stamp, target_id=target_id, spec=spec, rebalance=dict(rebalance)
        )

    def withdraw(
        self,
        *,
        target_id: UUID,
        rebalance: Mapping[UUID, Decimal],
        terms: WeightTerms,
        stamp: Stamp,
    ) -> None:
        require_duty(stamp.actor_role, Duty.WITHDRAW_TARGET)
        _require_reason(stamp)
        target = self.target(target_id)
        if target.status is TargetStatus.WITHDRAWN:
            raise errors.TargetStateInvalid("the target is already withdrawn", field="target_id")
        if target_id in rebalance:
            raise errors.InvalidInput(
                "a withdrawn target takes no share of the rebalance", field="rebalance"
            )
        weights = self._rebalanced(dict(rebalance))
        weights.pop(target_id, None)
        self._check_weights(weights, terms)
        self._record(self.TargetWithdrawn, stamp, target_id=target_id, rebalance=dict(rebalance))

    def score(self, *, target_id: UUID, score: Decimal, out_of: Decimal, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.SCORE_TARGET)
        _require_reason(stamp)
        target = self.target(target_id)
        target.require_approved()
        if not isinstance(target.spec.measure, Qualitative):
            raise errors.TargetStateInvalid(
                "only qualitative targets are scored by a reviewer", field="target_id"
            )
        # is_finite first: comparing a NaN from the API would raise, not refuse.
        if not (out_of.is_finite() and out_of > 0):
            raise errors.InvalidInput("out_of must be a number above 0", field="out_of")
        if not (score.is_finite() and 0 <= score <= out_of):
            raise errors.InvalidInput("score must be between 0 and out_of", field="score")
        self._record(self.TargetScored, stamp, target_id=target_id, score=score, out_of=out_of)

    def target(self, target_id: UUID) -> Target:
        try:
            return self.targets[target_id]
        except KeyError:
            raise errors.NotFound("no such target in the unit's list", field="target_id") from None

    def approved_total(self) -> Decimal:
        return sum(self._approved_weights().values(), Decimal(0))

    def approved_before(self, instant: datetime) -> list[Target]:
        return [
            t
            for t in self.targets.values()
            if t.is_approved and t.approved_at is not None and t.approved_at < instant
        ]

    def reweigh(self, weights: Mapping[UUID, Decimal]) -> None:
        for target_id, weight in weights.items():
            target = self.targets[target_id]
            target.spec = target.spec.model_copy(update={"weight": weight})

    def _next_target(self) -> tuple[UUID, int]:
        number = len(self.targets) + 1
        return make_target_id(self.id, number), number

    def _approved_weights(self) -> dict[UUID, Decimal]:
        return {t.id: t.spec.weight for t in self.targets.values() if t.is_approved}

    def _rebalanced(self, rebalance: dict[UUID, Decimal]) -> dict[UUID, Decimal]:
        weights = self._approved_weights()
        for target_id, weight in rebalance.items():
            if target_id not in weights:
                raise errors.InvalidInput(
                    f"rebalance names {target_id}, not an approved target of this unit",
                    field="rebalance",
                )
            if not (weight.is_finite() and weight > 0):
                raise errors.InvalidInput("rebalanced weights must be positive", field="rebalance")
            weights[target_id] = weight
        return weights

    @staticmethod
    def _check_weights(
        weights: Mapping[UUID, Decimal], terms: WeightTerms, *, must_be_complete: bool | None = None
    ) -> None:
        total = sum(weights.values(), Decimal(0))
        if total > terms.total:
            raise errors.TargetWeightsExceedTotal(
                f"approved weights would be {total}, above the total {terms.total}", field="weight"
            )
        complete = terms.must_be_complete if must_be_complete is None else must_be_complete
        if complete and total != terms.total:
            raise errors.TargetWeightsIncomplete(
                f"approved weights would be {total}; after a month has closed they must "
                f"equal {terms.total}",
                field="rebalance",
            )


def _require_reason(stamp: Stamp) -> None:
    if not (stamp.reason and stamp.reason.strip()):
        raise errors.InvalidInput("a reason is required for this decision", field="reason")
