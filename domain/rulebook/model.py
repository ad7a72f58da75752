"""The rulebook (考核办法) as a validated document: data, not code (DOMAIN.md §4).

Every clause carries an id and the source it comes from (seed file and article), so a
score line can name the clause that produced it and an inspector can read its origin.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from domain.rulebook.base import Clause, PointsClause, Source
from domain.rulebook.base import Doc as _Doc
from domain.rulebook.weighted import EvaluationRules, SpecialAssessmentClause, SupervisionRules
from domain.vocabulary import Grade, Role, SanctionKind, WarningLevel

# The clause bases live in base.py (weighted.py builds on them too); named here as well.
__all__ = ["Clause", "PointsClause", "Rulebook", "Source"]


class Category(_Doc):
    key: str = Field(pattern=r"^[a-z_]+$")
    name: str


class Rounding(_Doc):
    places: int = Field(ge=0, le=4)
    mode: Literal["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"] = "ROUND_HALF_UP"


class QuantitativeClause(Clause):
    """Linear to goal; completion above 1 counts up to `overachievement_cap`."""

    overachievement_cap: Decimal = Field(ge=1, le=2)


class CompletionRules(_Doc):
    quantitative: QuantitativeClause
    milestones: Clause
    reviewer_score: Clause
    zero_base: Clause
    continuous: Clause


class BonusClause(Clause):
    cap: Decimal = Field(ge=0)


class RedFlagSlot(_Doc):
    key: str
    categories: list[str] = Field(min_length=1)


class RedFlagClause(Clause):
    points: Decimal = Field(ge=0)
    cash_reward: Decimal = Field(ge=0)
    slots: list[RedFlagSlot] = Field(min_length=1)


class SanctionDeduction(PointsClause):
    kind: SanctionKind


class MultiplierClause(Clause):
    multiplier: Decimal = Field(ge=1)


class Deductions(_Doc):
    sanctions: list[SanctionDeduction]
    yellow_card: MultiplierClause
    deduction_notice: PointsClause
    late_report: PointsClause
    missing_report: PointsClause


class ReportingClause(Clause):
    due_day: int = Field(ge=1, le=28, description="reports are due by this day of the next month")


Recipient = Literal["filler", "leader_in_charge", "main_leader"]


class WarningThreshold(_Doc):
    level: WarningLevel
    lag_at_least: Decimal = Field(gt=0, le=1, description="share of the schedule behind")
    remind: list[Recipient] = Field(min_length=1)


class WarningClause(Clause):
    thresholds: list[WarningThreshold] = Field(min_length=1)

    @model_validator(mode="after")
    def _rising(self) -> WarningClause:
        lags = [t.lag_at_least for t in self.thresholds]
        if lags != sorted(set(lags)):
            raise ValueError("thresholds: lag_at_least must rise from one level to the next")
        if any(t.level is WarningLevel.NONE for t in self.thresholds):
            raise ValueError("thresholds: 'none' is the absence of a warning, not a threshold")
        return self


class GradeBand(_Doc):
    grade: Grade
    min_score: Decimal
    max_share: Decimal | None = Field(default=None, gt=0, le=1)


class GradeOverride(_Doc):
    when: SanctionKind
    effect: Literal["not_excellent", "general", "general_last_no_awards"]
    clause: Clause


class GradingClause(Clause):
    """Bands from the best grade down; a unit gets the first band it qualifies for."""

    bands: list[GradeBand] = Field(min_length=1)
    overrides: list[GradeOverride]

    @model_validator(mode="after")
    def _descending(self) -> GradingClause:
        scores = [b.min_score for b in self.bands]
        if scores != sorted(set(scores), reverse=True):
            raise ValueError("bands: min_score must fall from one band to the next")
        return self


class Consequence(Clause):
    key: Literal[
        "bottom_three_two_years",
        "last_two_years",
        "bottom_three_three_years",
        "first_or_excellent_two_years",
    ]
    consequence: str


TieBreaker = Literal["target_points", "fewer_deductions", "unit_code"]
Modifier = Literal[
    "targets",
    "bonus",
    "red_flags",
    "evaluations",
    "special_assessments",
    "deductions",
    "supervision",
    "overrides",
]


class Rulebook(_Doc):
    version: str = Field(min_length=1, max_length=40)
    title: str
    jurisdiction: str
    total_weight: Decimal = Field(gt=0)
    rounding: Rounding
    categories: list[Category] = Field(min_length=1)
    reporting: ReportingClause
    completion: CompletionRules
    bonus: BonusClause
    red_flags: RedFlagClause
    deductions: Deductions
    warnings: WarningClause
    grading: GradingClause
    consequences: list[Consequence]
    evaluations: EvaluationRules | None = None
    special_assessments: SpecialAssessmentClause | None = None
    supervision: SupervisionRules | None = None
    tie_breakers: list[TieBreaker] = Field(min_length=1)
    modifier_order: list[Modifier] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Rulebook:
        keys = [c.key for c in self.categories]
        if len(set(keys)) != len(keys):
            raise ValueError("categories: keys must be unique")
        for slot in self.red_flags.slots:
            unknown = set(slot.categories) - set(keys)
            if unknown:
                raise ValueError(f"red_flags.slots: unknown categories {sorted(unknown)}")
        kinds = [d.kind for d in self.deductions.sanctions]
        if len(set(kinds)) != len(kinds):
            raise ValueError("deductions.sanctions: one line per sanction kind")
        if len(set(self.modifier_order)) != len(self.modifier_order):
            raise ValueError("modifier_order: each modifier once")
        missing = set(SanctionKind) - set(kinds)
        if missing:
            raise ValueError(f"deductions.sanctions: no line for {sorted(missing)}")
        return self

    def category_keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.categories)

    def sanction_row(self, kind: SanctionKind) -> SanctionDeduction:
        for row in self.deductions.sanctions:
            if row.kind is kind:
                return row
        raise KeyError(kind)  # unreachable: the validator requires a row per kind

    def red_flag_slot_for(self, category: str) -> str | None:
        for slot in self.red_flags.slots:
            if category in slot.categories:
                return slot.key
        return None


REMINDER_ROLES: dict[str, Role] = {
    "filler": Role.UNIT,
    "leader_in_charge": Role.LEADER,
    "main_leader": Role.LEADER,
}
