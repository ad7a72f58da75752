"""A score line while the engine works: a plain slotted record, turned into the
`ScoreLine` of the result only for the year's ledger (building pydantic models for every
month of every unit would dominate the cost of a replay)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from uuid import UUID

from domain.scoring.construct import built
from domain.scoring.facts import RawRef
from domain.scoring.result import LineKind, ScoreLine

# The same aggregates stand behind many lines; formatting a UUID costs more than a lookup.
# The text is the one `result.event_ref` makes.
_text = lru_cache(maxsize=1 << 16)(str)

DEDUCTION_KINDS: frozenset[str] = frozenset(
    {"sanction", "deduction_notice", "late_report", "missing_report"}
)


@dataclass(slots=True)
class Line:
    kind: LineKind
    points: Decimal
    clause_id: str
    event_ids: tuple[RawRef, ...]
    detail: str
    target_id: UUID | None = None

    def scored(self, unit_id: UUID) -> ScoreLine:
        return built(
            ScoreLine,
            {
                "unit_id": unit_id,
                "kind": self.kind,
                "points": self.points,
                "clause_id": self.clause_id,
                "event_ids": tuple(f"{_text(uuid)}@{version}" for uuid, version in self.event_ids),
                "target_id": self.target_id,
                "detail": self.detail,
            },
        )
