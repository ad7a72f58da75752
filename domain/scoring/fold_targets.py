"""The fold's primitives for target lists: proposals, the four-level review, dynamic
targets, revisions, withdrawals and reviewers' scores (see `fold.Folder`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.scoring.facts import Key, RawRef, TargetFact, TargetTerms
from domain.scoring.fold_state import FoldState, When
from domain.scoring.timing import month_of
from domain.vocabulary import REVIEW_ORDER

_LEVELS = len(REVIEW_ORDER)


class TargetListFold(FoldState):
    def list_opened(self, list_id: Key, year_id: Key, unit_id: Key, at: datetime) -> None:
        self._join(list_id, year_id, unit_id, 0, at)

    def target_proposed(
        self, list_id: Key, target_id: Key, number: int, terms: TargetTerms
    ) -> None:
        owner = self.members.get(list_id)
        if owner is not None:
            self.facts.target_changed(target_id)
            self.facts.targets[target_id] = TargetFact(
                target_id, owner[0], number, terms, terms.weight
            )

    def target_approved(self, ref: RawRef, target_id: Key, when: When) -> None:
        """One review level passed; the last one (leading group) approves the target."""
        if ref[0] in self.members:
            self.facts.target_changed(target_id)
            target = self.facts.targets[target_id]
            target.next_level += 1
            if target.next_level >= _LEVELS:
                target.status = "approved"
                target.assigned = ref
                target.assigned_month = month_of(*when, self.facts.year)

    def target_returned(self, list_id: Key, target_id: Key) -> None:
        if list_id in self.members:
            self.facts.target_changed(target_id)
            self.facts.targets[target_id].status = "returned"

    def target_resubmitted(self, list_id: Key, target_id: Key, terms: TargetTerms) -> None:
        if list_id in self.members:
            self.facts.target_changed(target_id)
            target = self.facts.targets[target_id]
            target.terms, target.weight, target.status, target.next_level = (
                terms,
                terms.weight,
                "proposed",
                0,
            )

    def target_assigned(
        self,
        ref: RawRef,
        target: tuple[Key, int, TargetTerms],
        rebalance: Mapping[Any, Decimal],
        when: When,
    ) -> None:
        """A dynamic target (动态指标): approved as it is assigned; `target` is (id,
        number, terms)."""
        owner = self.members.get(ref[0])
        if owner is not None:
            target_id, number, terms = target
            self.facts.target_changed(target_id)
            fact = TargetFact(target_id, owner[0], number, terms, terms.weight, "approved")
            fact.assigned = ref
            fact.assigned_month = month_of(*when, self.facts.year)
            self.facts.targets[target_id] = fact
            self._reweigh(rebalance)

    def target_revised(
        self, list_id: Key, target_id: Key, terms: TargetTerms, rebalance: Mapping[Any, Decimal]
    ) -> None:
        if list_id in self.members:
            self.facts.target_changed(target_id)
            target = self.facts.targets[target_id]
            target.terms, target.weight = terms, terms.weight
            self._reweigh(rebalance)

    def target_withdrawn(
        self, list_id: Key, target_id: Key, rebalance: Mapping[Any, Decimal]
    ) -> None:
        if list_id in self.members:
            self.facts.target_changed(target_id)
            self.facts.targets[target_id].status = "withdrawn"
            self._reweigh(rebalance)

    def target_scored(
        self, ref: RawRef, target_id: Key, score: tuple[Decimal, Decimal], when: When
    ) -> None:
        """A reviewer's score of a qualitative target: `score` is (score, out of)."""
        if ref[0] in self.members:
            self.facts.target_changed(target_id)
            month = month_of(*when, self.facts.year)
            self.facts.targets[target_id].score = (*score, ref, month)
