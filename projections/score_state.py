"""The scoring state the score views share: each assessment year of the log folded once
(the engine's incremental `Folder`), and its result under the rulebook it adopted,
scored again after every batch that changed its facts — by a `LiveScorer`, which redoes
only the units the batch's events were about (and those whose ranks they moved).

The same engine scores a replay (DOMAIN.md §4), and live scoring equals scoring from
scratch (tests/unit/scoring/test_live_scorer.py), so what these views show is what a
replay of the same events under the same rulebook gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from domain.events import DomainEvent
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import parse_rulebook
from domain.rulebook.model import Rulebook
from domain.scoring.facts import Key
from domain.scoring.fold import Folder
from domain.scoring.live import LiveScorer, UnitRecords, units_touched
from domain.scoring.result import YearResult
from domain.unit import Unit
from domain.year import AssessmentYear
from projections.batches import Batch


class ScoreState:
    def __init__(self) -> None:
        self.folders: dict[UUID, Folder] = {}  # by AssessmentYear id
        self.adopted: dict[UUID, str] = {}  # year id → the adopted rulebook's sha256
        self.rulebooks: dict[str, Rulebook] = {}  # sha256 → document
        self.results: dict[UUID, YearResult] = {}
        self.changed: dict[UUID, set[UUID]] = {}  # year → units the last batch changed
        self._unit_events: list[DomainEvent] = []  # replayed into years opened later
        self._scorers: dict[UUID, LiveScorer] = {}
        self._touched: dict[UUID, set[Key] | None] = {}  # year → units, None: all

    def apply(self, batch: Batch) -> None:
        self._touched = {}
        for logged in batch.events:
            self._observe(logged.event)
        self.changed = {}
        earlier_changed = False
        for year_id in sorted(self.folders, key=lambda y: self.folders[y].facts.year):
            if earlier_changed:  # an earlier year's placings feed this year's consequences
                self._score(year_id, None)
            elif year_id in self._touched:
                self._score(year_id, self._touched[year_id])
            earlier_changed = earlier_changed or bool(self.changed.get(year_id))

    def records(self, year_id: UUID, units: set[UUID]) -> list[UnitRecords]:
        """The records of `units` (some the last batch changed) in the year's latest
        result, in roster order: what a view writes, without scanning the whole result."""
        scorer = self._scorers[year_id]
        return [
            scorer.records_of(unit) for unit in self.folders[year_id].facts.roster if unit in units
        ]

    def rulebook_of(self, year_id: UUID) -> Rulebook | None:
        sha = self.adopted.get(year_id)
        return self.rulebooks.get(sha) if sha else None

    def _observe(self, event: DomainEvent) -> None:
        if isinstance(event, AssessmentYear.Opened):
            folder = Folder(year_id=event.originator_id)
            folder.apply_all(self._unit_events)
            self.folders[event.originator_id] = folder
        elif isinstance(event, AssessmentYear.RulebookAdopted):
            self.adopted[event.originator_id] = event.sha256
            self._scorers.pop(event.originator_id, None)
        elif isinstance(event, RulebookRecord.Published):
            self.rulebooks[event.sha256] = parse_rulebook(event.document)
        if isinstance(event, Unit.Event):
            self._unit_events.append(event)
        for year_id, folder in self.folders.items():
            folder.apply(event)
            units = units_touched(folder, event)
            if units is None or units:
                earlier = self._touched.get(year_id, set())
                self._touched[year_id] = (
                    None if units is None or earlier is None else earlier | units
                )

    def _score(self, year_id: UUID, touched: set[Key] | None) -> None:
        facts, rulebook = self.folders[year_id].facts, self.rulebook_of(year_id)
        if rulebook is None or not facts.roster:
            return
        scorer = self._scorers.get(year_id)
        if scorer is None:
            scorer = self._scorers[year_id] = LiveScorer(rulebook)
            touched = None
        self.results[year_id], units = scorer.score(facts, touched, self._prior(facts.year))
        self.changed[year_id] = units

    def _prior(self, year: int) -> Sequence[YearResult]:
        return sorted(
            (result for result in self.results.values() if result.year < year),
            key=lambda result: result.year,
        )
