"""A score line while the engine works: a plain slotted record, turned into the
`ScoreLine` of the result only for the year's ledger (building pydantic models for every
month of every unit would dominate the cost of a replay)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from uuid import UUID

from domain.scoring.construct import built
from domain.scoring.facts import Key, RawRef
from domain.scoring.result import LineKind, ScoreLine

# The same aggregates stand behind many lines; formatting a UUID costs more than a lookup.
# The text is the one `result.event_ref` makes (ids kept as text are that text already).
_uuid_text = lru_cache(maxsize=1 << 16)(str)

DEDUCTION_KINDS: frozenset[str] = frozenset(
    {"sanction", "deduction_notice", "late_report", "missing_report", "case_overdue",
     "case_escalated"}
)  # fmt: skip
# Points added on top of the target list besides bonuses and red flags
ADDED_KINDS: frozenset[str] = frozenset({"evaluation", "special_assessment"})


def ref_text(ref: RawRef) -> str:
    key, version = ref
    return f"{key if type(key) is str else _uuid_text(key)}@{version}"


@dataclass(slots=True)
class Line:
    kind: LineKind
    points: Decimal
    clause_id: str
    event_ids: tuple[RawRef, ...]
    detail: str
    target_id: Key | None = None

    def scored(self, unit_id: UUID, uuid_of: Callable[[Key], UUID]) -> ScoreLine:
        target = self.target_id
        return built(
            ScoreLine,
            {
                "unit_id": unit_id,
                "kind": self.kind,
                "points": self.points,
                "clause_id": self.clause_id,
                "event_ids": tuple(map(ref_text, self.event_ids)),
                "target_id": None if target is None else uuid_of(target),
                "detail": self.detail,
            },
        )
