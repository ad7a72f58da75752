"""The fold's primitives for supervision cases, evaluation campaigns and special
assessments (see `fold.Folder`). A case belongs to its lead unit, so its events touch
that unit's score; a campaign or an assessment names its units in its ballots and its
imports (`live.units_touched` knows which)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from domain.scoring.facts import Key, RawRef
from domain.scoring.fold_state import FoldState, When
from domain.scoring.timing import month_at, month_of
from domain.scoring.weighed_facts import (
    CampaignFact,
    CaseFact,
    Scale,
    SpecialFact,
    SpecialImport,
)


class WeighedFold(FoldState):
    # -- supervision cases (督办事项) -------------------------------------------------------

    def case_opened(
        self,
        ref: RawRef,
        year_id: Key,
        case: tuple[Key, date, str, Key | None],
        at: datetime,
    ) -> None:
        """`case` is (lead unit, deadline, attention level, target or None)."""
        lead, deadline, level, target = case
        if self._join(ref[0], year_id, lead, month_at(at, self.facts.year), at):
            self.facts.cases[ref[0]] = CaseFact(lead, ref, deadline, target, [(at, level, ref)])

    def case_relevelled(self, ref: RawRef, level: str, at: datetime) -> None:
        if ref[0] in self.members:
            self._touch(at)
            self.facts.cases[ref[0]].levels.append((at, level, ref))

    def case_rectified(self, ref: RawRef, at: datetime) -> None:
        if ref[0] in self.members:
            self._touch(at)
            self.facts.cases[ref[0]].rectified = (at, ref)

    def case_verified(self, ref: RawRef, passed: bool, at: datetime) -> None:
        """A passed verification settles the case when its rectification was reported;
        a failed one sends it back to work."""
        if ref[0] in self.members:
            self._touch(at)
            case = self.facts.cases[ref[0]]
            if passed and case.rectified is not None:
                case.settled = (case.rectified[0], (case.rectified[1], ref))
            case.rectified = None

    def case_escalated(self, ref: RawRef, when: When) -> None:
        if ref[0] in self.members:
            self._touch(when[0])
            case = self.facts.cases[ref[0]]
            case.settled = (when[0], (ref,))
            case.escalated = (ref, month_of(*when, self.facts.year))

    # -- evaluation campaigns (评价) -------------------------------------------------------

    def campaign_opened(
        self, ref: RawRef, year_id: Key, kind: str, scale: Scale, at: datetime
    ) -> None:
        if self._join(ref[0], year_id, ref[0], 0, at):
            self.facts.campaigns[ref[0]] = CampaignFact(kind, scale, ref)

    def ballot_submitted(
        self, ref: RawRef, scores: Iterable[tuple[Key, Decimal]], at: datetime
    ) -> None:
        if ref[0] in self.members:
            self._touch(at)
            ballots = self.facts.campaigns[ref[0]].ballots
            for unit_id, score in scores:
                ballots.setdefault(unit_id, []).append((score, ref))

    def campaign_closed(self, ref: RawRef, when: When) -> None:
        if ref[0] in self.members:
            self._touch(when[0])
            self.facts.campaigns[ref[0]].closed = (ref, month_of(*when, self.facts.year))

    # -- special assessments (专项考核) ----------------------------------------------------

    def special_registered(
        self, ref: RawRef, year_id: Key, named: tuple[str, str], at: datetime
    ) -> None:
        """`named` is the assessment's (key, name)."""
        if self._join(ref[0], year_id, ref[0], 0, at):
            self.facts.specials[ref[0]] = SpecialFact(named[0], named[1], ref)

    def special_imported(
        self, ref: RawRef, scale: Scale, scores: dict[Key, Decimal], when: When
    ) -> None:
        if ref[0] in self.members:
            self._touch(when[0])
            month = month_of(*when, self.facts.year)
            self.facts.specials[ref[0]].imports.append(SpecialImport(ref, month, scale, scores))
