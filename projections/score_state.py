"""The scoring state the score views share: each assessment year of the log folded once
(the engine's incremental `Folder`), and its result under the rulebook it adopted,
scored again after every batch that changed its facts.

The same engine scores a replay (DOMAIN.md §4), so what these views show is what a
replay of the same events under the same rulebook gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from domain.events import DomainEvent
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import parse_rulebook
from domain.rulebook.model import Rulebook
from domain.scoring.engine import score_facts
from domain.scoring.fold import Folder
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
        self.changed: set[UUID] = set()  # the years the last batch changed
        self._unit_events: list[DomainEvent] = []  # replayed into years opened later
        self._revisions: dict[UUID, int] = {}
        self._rescore: set[UUID] = set()  # years whose rulebook changed

    def apply(self, batch: Batch) -> None:
        for logged in batch.events:
            self._observe(logged.event)
        self.changed = set()
        for year_id, folder in self.folders.items():
            if self._revisions.get(year_id) != folder.facts.revision or year_id in self._rescore:
                self._score(year_id, folder)
        self._rescore = set()

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
            self._rescore.add(event.originator_id)
        elif isinstance(event, RulebookRecord.Published):
            self.rulebooks[event.sha256] = parse_rulebook(event.document)
        if isinstance(event, Unit.Event):
            self._unit_events.append(event)
        for folder in self.folders.values():
            folder.apply(event)

    def _score(self, year_id: UUID, folder: Folder) -> None:
        self._revisions[year_id] = folder.facts.revision
        rulebook = self.rulebook_of(year_id)
        if rulebook is None or not folder.facts.roster:
            return
        prior = self._prior(folder.facts.year)
        self.results[year_id] = score_facts(folder.facts, rulebook, prior=prior)
        self.changed.add(year_id)

    def _prior(self, year: int) -> Sequence[YearResult]:
        return sorted(
            (result for result in self.results.values() if result.year < year),
            key=lambda result: result.year,
        )
