"""What the scoring engine returns: score lines that point at events and clauses, unit
results with rank and grade, per-period standings, and target warnings.

An event is referred to as "<originator_id>@<originator_version>", which is unique in
the log and stable across replays.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import Field

from domain.events import Value
from domain.vocabulary import Grade, WarningLevel

EventRef = str

LineKind = Literal[
    "target",  # completion of one target
    "bonus",  # one granted bonus
    "bonus_cap",  # the negative correction that holds cumulative bonus at the cap
    "red_flag",  # one red flag (流动红旗)
    "sanction",  # deduction for one sanction (yellow card already multiplied)
    "deduction_notice",  # one daily supervision notice (日常督考通知单)
    "late_report",
    "missing_report",
    "evaluation",  # one kind of evaluation (互评, 民主测评, 群众满意度, 领导评价), weighted
    "special_assessment",  # one special assessment's result (专项考核), weighted
    "case_overdue",  # one supervision case past its deadline (督办事项逾期)
    "case_escalated",  # one supervision case escalated (追责建议)
]


def event_ref(originator_id: UUID, originator_version: int) -> EventRef:
    return f"{originator_id}@{originator_version}"


class ScoreLine(Value):
    unit_id: UUID
    kind: LineKind
    points: Decimal = Field(description="signed, rounded by the rulebook")
    clause_id: str
    event_ids: tuple[EventRef, ...]
    target_id: UUID | None = None
    detail: str = Field(description="the arithmetic in words, for the ledger")


class UnitResult(Value):
    unit_id: UUID
    code: str
    name: str
    category: str
    lines: tuple[ScoreLine, ...]
    total: Decimal = Field(description="exactly the sum of the lines")
    rank: int = Field(ge=1, description="within the category")
    grade: Grade
    grade_clause_id: str = Field(description="the band or the override that set the grade")
    awards_allowed: bool
    consequences: tuple[str, ...] = Field(description="clause ids of multi-year consequences")


class Standing(Value):
    """A unit's score and rank in its category as of the end of a period."""

    unit_id: UUID
    category: str
    period: str
    score: Decimal
    rank: int


class TargetWarning(Value):
    target_id: UUID
    unit_id: UUID
    month: str
    level: WarningLevel
    lag: Decimal = Field(description="share of the scheduled progress not reached")
    remind: tuple[str, ...]
    clause_id: str


class YearResult(Value):
    year: int
    rulebook_version: str
    rulebook_sha256: str
    units: tuple[UnitResult, ...]
    standings: tuple[Standing, ...]
    warnings: tuple[TargetWarning, ...]

    def unit(self, unit_id: UUID) -> UnitResult:
        for result in self.units:
            if result.unit_id == unit_id:
                return result
        raise KeyError(unit_id)
