"""What a campaign states and what a ballot holds: the scale, the evaluators, the scores."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from uuid import UUID

from pydantic import Field

from domain import errors
from domain.events import Value

LARGEST_SCALE = Decimal(1000)


class Scale(Value):
    """The bounded scale every score of a campaign lies on, e.g. 0-100 in steps of 0.5, or
    1-5 in steps of 1 (非常满意 … 非常不满意)."""

    lowest: Decimal
    highest: Decimal
    step: Decimal = Decimal(1)

    def check(self) -> None:
        values = (self.lowest, self.highest, self.step)
        bounded = all(v.is_finite() for v in values) and (
            Decimal(0) <= self.lowest < self.highest <= LARGEST_SCALE
        )
        if not bounded or self.step <= 0 or (self.highest - self.lowest) % self.step != 0:
            raise errors.InvalidInput(
                "scale: 0 <= lowest < highest <= 1000, in steps that divide the range",
                field="scale",
            )

    def admits(self, score: Decimal) -> bool:
        if not score.is_finite() or not self.lowest <= score <= self.highest:
            return False
        return (score - self.lowest) % self.step == 0


class Evaluators(Value):
    """Who may submit a named ballot: units (a unit's leadership answers as one, seed 001's
    互评表) and individual users (representatives, leaders), by user id."""

    units: list[UUID] = Field(default_factory=list, max_length=2000)
    users: list[str] = Field(default_factory=list, max_length=2000)


class UnitScore(Value):
    unit_id: UUID
    score: Decimal


def check_scores(
    scores: list[UnitScore],
    *,
    scale: Scale,
    evaluated: Collection[UUID],
    expected: set[UUID] | None,
) -> None:
    """Each score for a unit the campaign evaluates, once, on the scale; `expected`, when
    given, is exactly the units the ballot must rate."""
    rated = [score.unit_id for score in scores]
    if not rated or len(set(rated)) != len(rated):
        raise errors.InvalidInput("a ballot rates one or more units, each once", field="scores")
    if any(unit not in evaluated for unit in rated):
        raise errors.InvalidInput("a rated unit is not evaluated in this campaign", field="scores")
    if not all(scale.admits(score.score) for score in scores):
        raise errors.InvalidInput(
            f"scores lie on {scale.lowest}..{scale.highest} in steps of {scale.step}",
            field="scores",
        )
    if expected is not None and set(rated) != expected:
        raise errors.InvalidInput(
            f"the ballot rates every evaluated unit: {len(expected - set(rated))} missing",
            field="scores",
        )
