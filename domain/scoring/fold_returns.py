"""The fold's primitives for monthly returns: reports, their review, and the late and
missing reports found at closing (see `fold.Folder`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from domain.scoring.facts import Decision, Key, RawRef, ReportFact
from domain.scoring.fold_state import FoldState
from domain.scoring.timing import month_of_text


class MonthlyReturnFold(FoldState):
    def return_opened(
        self, return_id: Key, year_id: Key, unit_id: Key, month: str, at: datetime
    ) -> None:
        if year_id == self.facts.year_id:
            self._join(return_id, year_id, unit_id, month_of_text(month, self.facts.year), at)

    def progress_reported(
        self,
        ref: RawRef,
        target_id: Key,
        progress: tuple[Decimal | None, Sequence[str]],
        at: datetime,
    ) -> None:
        """A report of the return's month: `progress` is (cumulative value, milestones)."""
        owner = self.members.get(ref[0])
        if owner is not None:
            facts = self.facts
            facts.target_changed(target_id)
            latest = facts.latest
            if latest is None or at > latest:
                facts.latest = at
            fact = ReportFact(progress[0], progress[1], ref)
            months = facts.reports.get(target_id)
            if months is None:
                months = facts.reports[target_id] = {}
            months[owner[1]] = fact

    def progress_verified(self, ref: RawRef, target_id: Key) -> None:
        owner = self.members.get(ref[0])
        if owner is not None:
            self.facts.target_changed(target_id)
            fact = self.facts.reports[target_id][owner[1]]
            fact.status, fact.verified = "verified", ref

    def progress_rejected(self, return_id: Key, target_id: Key) -> None:
        owner = self.members.get(return_id)
        if owner is not None:
            self.facts.target_changed(target_id)
            self.facts.reports[target_id][owner[1]].status = "rejected"

    def report_overdue(self, ref: RawRef, target_id: Key, kind: str, at: datetime) -> None:
        """A late (`late_report`) or missing (`missing_report`) report, found at closing."""
        owner = self.members.get(ref[0])
        if owner is not None:
            unit_id, month = owner
            self._touch(at)
            decision = Decision(unit_id, ref, month, kind, target_id=target_id)
            self.facts.extra.append(decision)
