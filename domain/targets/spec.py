"""What a target says: measure, schedule, scoring mode, weight, the five responsibilities."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from domain.events import Value
from domain.people import Person
from domain.vocabulary import ScoringMode, TargetClass, TargetKind

Points = Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)]


class Quantitative(Value):
    """A number reached by year end, with monthly cumulative milestones (序时进度).

    Reported values are on the same scale as `baseline` and `annual_goal`: the level of
    the indicator so far. Zero-base scoring counts only what was added above the
    baseline this year; continuous scoring counts completion of the plan (seed 002).
    """

    type: Literal["quantitative"] = "quantitative"
    unit_of_measure: str = Field(min_length=1, max_length=20)
    baseline: Decimal = Decimal(0)
    annual_goal: Decimal
    schedule: list[Decimal] = Field(
        min_length=12, max_length=12, description="planned cumulative value at each month end"
    )

    @model_validator(mode="after")
    def _schedule_rises_to_goal(self) -> Quantitative:
        if self.annual_goal <= self.baseline:
            raise ValueError("annual_goal must be above baseline")
        previous = self.baseline
        for month, planned in enumerate(self.schedule, start=1):
            if planned < previous:
                raise ValueError(f"schedule month {month} falls below the month before")
            previous = planned
        if self.schedule[-1] != self.annual_goal:
            raise ValueError("schedule must reach annual_goal in December")
        return self


class Milestone(Value):
    key: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    title: str = Field(min_length=1, max_length=120)
    due_month: int = Field(ge=1, le=12)


class Qualitative(Value):
    """Work checked by a reviewer: milestones, and at year end a reviewer's score."""

    type: Literal["qualitative"] = "qualitative"
    milestones: list[Milestone] = Field(min_length=1, max_length=24)

    @model_validator(mode="after")
    def _unique_keys(self) -> Qualitative:
        keys = [m.key for m in self.milestones]
        if len(set(keys)) != len(keys):
            raise ValueError("milestone keys must be unique")
        return self

    def planned_by(self, month: int) -> int:
        return sum(1 for m in self.milestones if m.due_month <= month)


Measure = Annotated[Quantitative | Qualitative, Field(discriminator="type")]


class Responsibilities(Value):
    """The five responsibilities of every target (seed 001)."""

    filler: Person  # 填报责任人
    directly_responsible: Person  # 直接负责人
    contact: Person  # 联系人
    section: str = Field(min_length=1, max_length=60)  # 责任科室
    leader_in_charge: Person  # 分管领导


class TargetSpec(Value):
    title: str = Field(min_length=1, max_length=200)
    kind: TargetKind
    target_class: TargetClass
    group: str = Field(pattern=r"^[a-z_]{1,40}$", description="e.g. economic_development")
    weight: Points
    measure: Measure
    scoring_mode: ScoringMode
    responsibilities: Responsibilities
