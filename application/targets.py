"""Commands on targets: proposal, four-level review, dynamic targets, revision, scoring."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain.actors import Actor
from domain.ids import target_list_id
from domain.targets.spec import TargetSpec
from domain.targets.target_list import TargetList, WeightTerms
from domain.vocabulary import ReviewLevel
from domain.year import AssessmentYear


class TargetCommands(AssessmentBase):
    @command
    def propose_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        spec: TargetSpec,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        assessment.require_enrolled(unit_id)
        stamp = self.stamp(by)
        targets = self.find(TargetList, target_list_id(assessment.id, unit_id))
        if targets is None:
            targets = TargetList.open(
                year_id=assessment.id, unit_id=unit_id, year=year, stamp=stamp
            )
        guard = self.guard_change(
            assessment,
            subject_id=targets.id,
            command="propose_target",
            amendment_reason=None,
            stamp=stamp,
        )
        target_id = targets.propose(spec=spec, stamp=stamp)
        return Outcome(target_id, targets, *guard)

    @command
    def review_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        level: ReviewLevel,
        approve: bool,
        reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment, targets = self._list(year, unit_id)
        stamp = self.stamp(by, reason)
        self.guard_change(
            assessment,
            subject_id=targets.id,
            command="review_target",
            amendment_reason=None,
            stamp=stamp,
        )
        targets.review(
            target_id=target_id,
            level=level,
            approve=approve,
            terms=self._terms(assessment),
            stamp=stamp,
        )
        return Outcome(target_id, targets)

    @command
    def resubmit_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        spec: TargetSpec,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment, targets = self._list(year, unit_id)
        stamp = self.stamp(by)
        self.guard_change(
            assessment,
            subject_id=targets.id,
            command="resubmit_target",
            amendment_reason=None,
            stamp=stamp,
        )
        targets.resubmit(target_id=target_id, spec=spec, stamp=stamp)
        return Outcome(target_id, targets)

    @command
    def assign_dynamic_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        spec: TargetSpec,
        rebalance: Mapping[UUID, Decimal],
        reason: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment, targets = self._list(year, unit_id)
        stamp = self.stamp(by, reason)
        self.guard_change(
            assessment,
            subject_id=targets.id,
            command="assign_dynamic_target",
            amendment_reason=None,
            stamp=stamp,
        )
        target_id = targets.assign_dynamic(
            spec=spec, rebalance=rebalance, terms=self._terms(assessment), stamp=stamp
        )
        return Outcome(target_id, targets)

    @command
    def revise_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        spec: TargetSpec,
        rebalance: Mapping[UUID, Decimal],
        reason: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment, targets = self._list(year, unit_id)
        stamp = self.stamp(by, reason)
        self.guard_change(
            assessment,
            subject_id=targets.id,
            command="revise_target",
            amendment_reason=None,
            stamp=stamp,
        )
        targets.revise(
            target_id=target_id,
            spec=spec,
            rebalance=rebalance,
            terms=self._terms(assessment),
            stamp=stamp,
        )
        return Outcome(target_id, targets)

    @command
    def withdraw_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        rebalance: Mapping[UUID, Decimal],
        reason: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment, targets = self._list(year, unit_id)
        stamp = self.stamp(by, reason)
        self.guard_change(
            assessment,
            subject_id=targets.id,
            command="withdraw_target",
            amendment_reason=None,
            stamp=stamp,
        )
        targets.withdraw(
            target_id=target_id, rebalance=rebalance, terms=self._terms(assessment), stamp=stamp
        )
        return Outcome(target_id, targets)

    @command
    def score_target(
        self,
        *,
        year: int,
        unit_id: UUID,
        target_id: UUID,
        score: Decimal,
        out_of: Decimal,
        reason: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment, targets = self._list(year, unit_id)
        stamp = self.stamp(by, reason)
        guard = self.guard_change(
            assessment,
            subject_id=targets.id,
            command="score_target",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        targets.score(target_id=target_id, score=score, out_of=out_of, stamp=stamp)
        return Outcome(target_id, targets, *guard)

    def _list(self, year: int, unit_id: UUID) -> tuple[AssessmentYear, TargetList]:
        assessment = self.year(year)
        targets = self.load(TargetList, target_list_id(assessment.id, unit_id), field="unit_id")
        return assessment, targets

    def _terms(self, assessment: AssessmentYear) -> WeightTerms:
        return WeightTerms(
            total=self.rulebook_of(assessment).total_weight,
            must_be_complete=assessment.closed_months > 0,
        )
