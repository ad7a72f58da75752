"""The clauses that weigh what is assessed besides the target list into the total:
evaluations (评价) and special assessments (专项考核) add points, overdue and escalated
supervision cases (督办事项) deduct them (DOMAIN.md §4).

A rulebook may leave any of them out; it then scores none of those facts, which is how a
rulebook written before these clauses existed keeps scoring its years as it did.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from domain.rulebook.base import Clause, Doc, PointsClause
from domain.vocabulary import AttentionLevel, EvaluationKind


class WeightClause(Clause):
    """Points for a perfect result: the result's share of its scale times the weight."""

    weight: Decimal = Field(ge=0, le=100)


class EvaluationRules(Doc):
    """One weight per kind of evaluation (seed 001 格尔木 and seed 000 南江县, 平昌县)."""

    mutual: WeightClause  # 互评
    democratic: WeightClause  # 民主测评
    public: WeightClause  # 群众满意度
    leadership: WeightClause  # 领导评价

    def of(self, kind: EvaluationKind) -> WeightClause:
        clause: WeightClause = getattr(self, kind.value)
        return clause


class SpecialAssessmentClause(Clause):
    """Each special assessment's result, as its share of the scale it was imported on,
    times its weight (按比例核算后计入考核总分, seed 001); keys not listed weigh the
    default."""

    default_weight: Decimal = Field(ge=0, le=100)
    weights: dict[str, Decimal] = Field(default_factory=dict)

    def weight_of(self, key: str) -> Decimal:
        return self.weights.get(key, self.default_weight)


class LevelPoints(Doc):
    general: Decimal = Field(ge=0)  # 一般关注
    attention: Decimal = Field(ge=0)  # 关注
    key: Decimal = Field(ge=0)  # 重点关注
    special: Decimal = Field(ge=0)  # 特别关注

    def of(self, level: AttentionLevel) -> Decimal:
        points: Decimal = getattr(self, level.value)
        return points


class OverdueClause(Clause):
    """Deducted once per case of the lead unit that is past its deadline unsettled or
    was settled after it, by the attention level in force when the deadline passed."""

    points: LevelPoints


class SupervisionRules(Doc):
    overdue: OverdueClause
    escalated: PointsClause  # per case escalated with an accountability proposal


# Sections added after the first rulebooks were published: left out of the canonical
# document when absent, so those rulebooks keep their content hash (and their ids).
ADDED_SECTIONS = ("evaluations", "special_assessments", "supervision")
