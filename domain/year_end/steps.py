"""The steps of the year end, in order, and where a year stands among them.

Seed 000 (平昌县): 单位自查 — 集中会审 — 组织抽查 — 民主测评 — 汇总考核得分 — 分类排位 —
分管领导初审 — 公开公示 — 县委常委会审查决定; then the result is final and locked.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain import errors


class YearEndStep(StrEnum):
    SELF_CHECK = "self_check"  # 单位自查: every enrolled unit checks itself
    CENTRALIZED_REVIEW = "centralized_review"  # 集中会审
    SPOT_CHECK = "spot_check"  # 组织抽查
    DEMOCRATIC_EVALUATION = "democratic_evaluation"  # 民主测评
    AGGREGATE_SCORE = "aggregate_score"  # 汇总考核得分
    RANKING = "ranking"  # 分类排位
    PRELIMINARY_REVIEW = "preliminary_review"  # 分管领导初审
    PUBLIC_ANNOUNCEMENT = "public_announcement"  # 公开公示, with an objection period
    COMMITTEE_DECISION = "committee_decision"  # 县委常委会审查决定
    FINAL = "final"  # final and locked: `AssessmentYear.Finalized`


YEAR_END_ORDER: tuple[YearEndStep, ...] = tuple(YearEndStep)


@dataclass
class Objection:
    """An objection (异议) a unit raised during the announcement, and whether it is answered."""

    unit_id: UUID
    answered: bool = False


@dataclass
class YearEndState:
    reached: YearEndStep | None = None  # the last step the office, a leader or the units took
    self_checked: set[UUID] = field(default_factory=set)
    objections_until: date | None = None
    objections: dict[int, Objection] = field(default_factory=dict)

    def completed(self, step: YearEndStep, roster: Collection[UUID]) -> bool:
        if step is YearEndStep.SELF_CHECK and self.reached is None:
            return bool(roster) and all(unit in self.self_checked for unit in roster)
        reached = -1 if self.reached is None else YEAR_END_ORDER.index(self.reached)
        return YEAR_END_ORDER.index(step) <= reached

    def next_step(self, roster: Collection[UUID]) -> YearEndStep:
        return next(s for s in YEAR_END_ORDER if not self.completed(s, roster))

    def require_next(self, step: YearEndStep, roster: Collection[UUID]) -> None:
        """`step` is the next one: the one before it is done, and it is not."""
        before = YEAR_END_ORDER[YEAR_END_ORDER.index(step) - 1]
        if self.completed(step, roster) or not self.completed(before, roster):
            upcoming = self.next_step(roster)
            detail = ""
            if upcoming is YearEndStep.SELF_CHECK:
                missing = len([unit for unit in roster if unit not in self.self_checked])
                detail = f" ({missing} unit(s) have not checked themselves)"
            raise errors.YearEndStepOutOfOrder(
                f"the next year-end step is {upcoming}{detail}, not {step}", field="year"
            )

    def require_announced(self) -> date:
        """The objection period's last day, while the results stand announced."""
        if self.reached is not YearEndStep.PUBLIC_ANNOUNCEMENT or self.objections_until is None:
            raise errors.YearEndStepOutOfOrder(
                "objections belong to the public announcement of the results", field="year"
            )
        return self.objections_until

    def unanswered(self) -> list[int]:
        return sorted(n for n, objection in self.objections.items() if not objection.answered)
