"""Facts of what is weighed into the total besides the target list, before any rulebook:
supervision cases (督办事项) of a lead unit, evaluation campaigns (评价) and their
ballots, and special assessments (专项考核) with their imports, as the fold keeps them
(`fold_weighed.WeighedFold`). Levels and kinds are kept as the source gives them (enum
members or their text: they compare and hash alike)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from domain.scoring.facts import Key, RawRef

Scale = tuple[Decimal, Decimal]  # lowest, highest


@dataclass(slots=True)
class CaseFact:
    lead_unit: Key
    opened: RawRef
    deadline: date
    target_id: Key | None
    levels: list[tuple[datetime, str, RawRef]]  # each level from when it was set
    rectified: tuple[datetime, RawRef] | None = None  # the report awaiting verification
    settled: tuple[datetime, tuple[RawRef, ...]] | None = None  # when, and the events
    escalated: tuple[RawRef, int] | None = None  # the escalation, and its month

    def level_at(self, moment: datetime) -> tuple[str, RawRef]:
        """The attention level in force at `moment`, and the event that set it."""
        level, ref = self.levels[0][1], self.levels[0][2]
        for since, later, later_ref in self.levels[1:]:
            if since <= moment:
                level, ref = later, later_ref
        return level, ref


@dataclass(slots=True)
class CampaignFact:
    kind: str
    scale: Scale
    opened: RawRef
    ballots: dict[Key, list[tuple[Decimal, RawRef]]] = field(default_factory=dict)  # by unit
    closed: tuple[RawRef, int] | None = None  # the close, and its month


@dataclass(frozen=True, slots=True)
class SpecialImport:
    ref: RawRef
    month: int
    scale: Scale
    scores: dict[Key, Decimal]  # by unit


@dataclass(slots=True)
class SpecialFact:
    key: str
    name: str
    registered: RawRef
    imports: list[SpecialImport] = field(default_factory=list)
