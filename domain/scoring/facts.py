"""What a year's events say, folded once into plain per-unit and per-target facts.

The fold is a single pass with one dict lookup per event: the engine must keep up with
replaying a million events, so nothing here re-validates or copies pydantic models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.errors import InvalidInput
from domain.events import DomainEvent
from domain.scoring.timing import effective_month, month_at
from domain.targets.spec import TargetSpec
from domain.vocabulary import REVIEW_ORDER

RawRef = tuple[UUID, int]  # (originator id, version): made text only for the year's ledger
Handler = Callable[["_Fold", Any], None]


def raw_ref(event: DomainEvent) -> RawRef:
    return (event.originator_id, event.originator_version)


@dataclass(slots=True)
class ReportFact:
    """A unit's report on one target for one month, as it finally stands."""

    value: Decimal | None
    milestones: tuple[str, ...]
    reported: RawRef
    status: str = "submitted"
    verified: RawRef | None = None


@dataclass(slots=True)
class TargetFact:
    id: UUID
    unit_id: UUID
    number: int
    spec: TargetSpec
    weight: Decimal
    status: str = "proposed"
    next_level: int = 0
    assigned: RawRef | None = None
    assigned_month: int = 1
    score: tuple[Decimal, Decimal, RawRef, int] | None = None  # score, out of, ref, month
    reports: dict[int, ReportFact] = field(default_factory=dict)


@dataclass(slots=True)
class Decision:
    """A bonus, sanction, notice, red flag or late/missing report: effective from `month`,
    and until `revoked` (exclusive) when a later event revoked it."""

    unit_id: UUID
    ref: RawRef
    month: int
    kind: str
    points: Decimal = Decimal(0)
    target_id: UUID | None = None
    revoked: int | None = None


@dataclass(slots=True)
class UnitFact:
    code: str
    names: list[tuple[int, str]]


@dataclass
class YearFacts:
    year: int = 0
    year_id: UUID | None = None
    wanted: int | None = None
    roster: dict[UUID, str] = field(default_factory=dict)
    units: dict[UUID, UnitFact] = field(default_factory=dict)
    targets: dict[UUID, TargetFact] = field(default_factory=dict)
    decisions: dict[UUID, Decision] = field(default_factory=dict)  # by originator id
    extra: list[Decision] = field(default_factory=list)  # red flags, late/missing reports
    last_month: int = 1  # the latest month any of the year's events was recorded in

    def name_of(self, unit_id: UUID) -> tuple[str, str]:
        unit = self.units.get(unit_id)
        if unit is None:
            return str(unit_id), str(unit_id)
        name = unit.names[0][1]
        for since, value in sorted(unit.names, key=lambda entry: entry[0]):
            if since <= self.year:
                name = value
        return unit.code, name


class _Fold:
    """Routes each event by its class to a handler; unknown classes are ignored."""

    def __init__(self, facts: YearFacts) -> None:
        from domain.scoring import handlers  # the table of event classes → handlers (cyclic)

        self.facts = facts
        self.members: dict[UUID, tuple[UUID, int]] = {}  # aggregate → (unit or year, month)
        self.latest: datetime | None = None
        self.table = handlers.TABLE

    def belongs(self, event: DomainEvent) -> bool:
        return event.originator_id in self.members

    def member(self, event: DomainEvent) -> tuple[UUID, int] | None:
        """The owner of the event's aggregate if it is one of the year's, else None."""
        return self.members.get(event.originator_id)

    def touch(self, event: DomainEvent) -> None:
        if self.latest is None or event.timestamp > self.latest:
            self.latest = event.timestamp

    def join(self, created: Any, owner: tuple[UUID, int]) -> bool:
        """A created event of one of this year's aggregates makes its id a member."""
        if self.facts.year_id is None or created.year_id != self.facts.year_id:
            return False
        self.members[created.originator_id] = owner
        self.touch(created)
        return True

    def approve(self, target: TargetFact, event: DomainEvent) -> None:
        target.next_level += 1
        if target.next_level >= len(REVIEW_ORDER):
            target.status = "approved"
            target.assigned = (event.originator_id, event.originator_version)
            target.assigned_month = effective_month(event, self.facts.year)

    def owner(self, aggregate_id: UUID) -> tuple[UUID, int]:
        """The unit (or year) and month a target list, return or red-flag round is of."""
        return self.members[aggregate_id]


def fold(events: Iterable[DomainEvent], year: int | None = None) -> YearFacts:
    """The facts of `year` (by default the year of the first `AssessmentYear.Opened` in
    `events`); events of other years' aggregates are ignored."""
    facts = YearFacts(wanted=year)
    folding = _Fold(facts)
    table = folding.table
    for event in events:  # the hot loop: one dict lookup per event, unknown kinds skipped
        handler = table.get(type(event))
        if handler is not None:
            handler(folding, event)
    if facts.year_id is None:
        raise InvalidInput("the events do not open an assessment year", field="events")
    if folding.latest is not None:
        facts.last_month = month_at(folding.latest, facts.year)
    return facts
