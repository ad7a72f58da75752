"""The incremental fold: `YearFacts` that take one more event at a time.

`Folder.apply` routes a decoded event by its class (`handlers.TABLE`) to one of the
fold's primitives, which say in the fold's own terms what happened ("target t of list l
was approved at this level"). A reader of trusted stored rows may call the primitives
directly with the few fields they need, without building the event (the PostgreSQL
replay reader does). Each primitive is O(1); none re-validates anything.

Aggregates of other years are skipped: a created event names its year, and later events
of the same aggregate are recognised by their originator id (`members`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.errors import InvalidInput
from domain.events import DomainEvent
from domain.scoring.facts import Decision, Key, RawRef, UnitFact, YearFacts
from domain.scoring.fold_returns import MonthlyReturnFold
from domain.scoring.fold_state import When
from domain.scoring.fold_targets import TargetListFold
from domain.scoring.fold_weighed import WeighedFold
from domain.scoring.timing import month_of, month_of_text

Handler = Callable[["Folder", Any], None]  # a decoded event → the primitive it amounts to


class Folder(TargetListFold, MonthlyReturnFold, WeighedFold):
    """Folds the events of one year (by default the first year an `AssessmentYear.Opened`
    opens) into `facts`. Feed it from one source: ids are compared as that source gives
    them (all `UUID`s, or all text). The primitives of target lists and monthly returns
    are in `fold_targets` and `fold_returns`, those of cases, campaigns and special
    assessments in `fold_weighed`; the year, units and decisions are here."""

    def __init__(self, year: int | None = None, *, year_id: Key | None = None) -> None:
        """`year_id`, when given, is the one `AssessmentYear` whose year to fold (a store
        may hold the same year of several jurisdictions)."""
        from domain.scoring.handlers import TABLE  # event classes → primitives (it imports us)

        self.facts = YearFacts()
        self.wanted, self.wanted_id = year, year_id
        # the year's aggregates (and every unit) → the unit (or year) and month they are of
        self.members: dict[Key, tuple[Key, int]] = {}
        self._table: dict[type, Handler] = TABLE

    def apply(self, event: DomainEvent) -> None:
        handler = self._table.get(type(event))
        if handler is not None:
            handler(self, event)

    def apply_all(self, events: Iterable[DomainEvent]) -> Folder:
        table = self._table
        for event in events:  # the hot loop: one dict lookup per event, unknown kinds skipped
            handler = table.get(type(event))
            if handler is not None:
                handler(self, event)
        return self

    def opened_facts(self) -> YearFacts:
        """The facts, once an assessment year has been opened in them."""
        if self.facts.year_id is None:
            raise InvalidInput("the events do not open an assessment year", field="events")
        return self.facts

    # -- the year and its units ----------------------------------------------------------

    def year_opened(self, year_id: Key, year: int, at: datetime) -> None:
        facts = self.facts
        if (
            facts.year_id is None
            and self.wanted in (None, year)
            and self.wanted_id in (None, year_id)
        ):
            facts.year_id, facts.year = year_id, year
            self.members[year_id] = (year_id, 0)
            self._touch(at)

    def year_event(self, year_id: Key, at: datetime) -> None:
        """Anything else recorded on the year (adoption, closing, finalization): it only
        moves the year's latest recorded time."""
        if year_id == self.facts.year_id:
            self._touch(at)

    def unit_enrolled(self, year_id: Key, unit_id: Key, category: str) -> None:
        if year_id == self.facts.year_id:
            self.facts.revision += 1
            self.facts.roster[unit_id] = category  # the latest enrolment's category wins

    def unit_registered(self, unit_id: Key, code: str, name: str, since_year: int) -> None:
        self.facts.revision += 1
        self.facts.units[unit_id] = UnitFact(code, [(since_year, name)])
        self.members[unit_id] = (unit_id, 0)

    def unit_renamed(self, unit_id: Key, name: str, effective_year: int) -> None:
        unit = self.facts.units.get(unit_id)
        if unit is not None:
            self.facts.revision += 1
            unit.names.append((effective_year, name))

    # -- decisions: bonuses, sanctions, notices, red flags ---------------------------------

    def decision_made(
        self, ref: RawRef, year_id: Key, unit_id: Key, kind: tuple[str, Decimal], when: When
    ) -> None:
        """A bonus, sanction or deduction notice (the first event of its aggregate): `kind`
        is ("bonus", points), (sanction kind, 0) or ("notice", 0)."""
        if self._join(ref[0], year_id, unit_id, 0, when[0]):
            month = month_of(*when, self.facts.year)
            self.facts.decisions[ref[0]] = Decision(unit_id, ref, month, kind[0], kind[1])

    def decision_revoked(self, decision_id: Key, when: When) -> None:
        """An upheld appeal or a withdrawn grant: in force until the revocation's month."""
        if decision_id in self.members:
            self._touch(when[0])
            decision = self.facts.decisions[decision_id]
            decision.revoked = max(decision.month, month_of(*when, self.facts.year))

    def round_opened(self, round_id: Key, year_id: Key, month: str, at: datetime) -> None:
        if year_id == self.facts.year_id:
            self._join(round_id, year_id, year_id, month_of_text(month, self.facts.year), at)

    def flag_awarded(self, ref: RawRef, unit_id: Key) -> None:
        owner = self.members.get(ref[0])
        if owner is not None:
            self.facts.revision += 1
            decision = Decision(unit_id, ref, owner[1], "red_flag")
            self.facts.extra.append(decision)


def fold(events: Iterable[DomainEvent], year: int | None = None) -> YearFacts:
    """The facts of `year` (by default the year of the first `AssessmentYear.Opened` in
    `events`); events of other years' aggregates are ignored."""
    return Folder(year).apply_all(events).opened_facts()
