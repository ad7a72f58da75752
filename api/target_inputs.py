"""What a target says, as GraphQL input: measure, schedule, scoring mode, weight and the
five responsibilities; validated by the domain's own `TargetSpec`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import strawberry

from api.common import PersonInput
from api.inputs import plain, uuid_of, value_of
from api.vocabulary import ScoringMode, TargetClass, TargetKind
from domain.errors import InvalidInput
from domain.targets.spec import TargetSpec


@strawberry.input(description="A number reached by year end, with monthly milestones (序时进度).")
class QuantitativeInput:
    unit_of_measure: str = strawberry.field(description="e.g. `km`, `万元`.")
    annual_goal: Decimal = strawberry.field(description="The level to reach by December.")
    schedule: list[Decimal] = strawberry.field(
        description="Twelve planned cumulative values, one per month end, rising to the goal."
    )
    baseline: Decimal = strawberry.field(
        default=Decimal(0), description="The level at the start of the year."
    )


@strawberry.input(description="A milestone of qualitative work.")
class MilestoneInput:
    key: str = strawberry.field(description="Its key: lowercase letters, digits, _ or -.")
    title: str = strawberry.field(description="What is done.")
    due_month: int = strawberry.field(description="The month it is due (1–12).")


@strawberry.input(description="Work checked by a reviewer against milestones.")
class QualitativeInput:
    milestones: list[MilestoneInput] = strawberry.field(description="1–24 milestones.")


@strawberry.input(one_of=True, description="How the target is measured: exactly one of these.")
class MeasureInput:
    quantitative: QuantitativeInput | None = strawberry.field(
        default=strawberry.UNSET, description="A number with a monthly schedule."
    )
    qualitative: QualitativeInput | None = strawberry.field(
        default=strawberry.UNSET, description="Milestones checked by a reviewer."
    )

    def data(self) -> dict[str, Any]:
        if self.quantitative:
            return {"quantitative": {**plain(self.quantitative), "type": "quantitative"}}
        return {"qualitative": {**plain(self.qualitative), "type": "qualitative"}}


@strawberry.input(description="The five responsibilities of every target (seed 001).")
class ResponsibilitiesInput:
    filler: PersonInput = strawberry.field(description="填报责任人.")
    directly_responsible: PersonInput = strawberry.field(description="直接负责人.")
    contact: PersonInput = strawberry.field(description="联系人.")
    section: str = strawberry.field(description="责任科室.")
    leader_in_charge: PersonInput = strawberry.field(description="分管领导.")


@strawberry.input(description="What a target (目标/指标) says.")
class TargetSpecInput:
    title: str = strawberry.field(description="Its title (1–200 characters).")
    kind: TargetKind = strawberry.field(description="common or individual.")
    target_class: TargetClass = strawberry.field(description="key, regular or adjustment.")
    group: str = strawberry.field(description="Its group, e.g. `economic_development`.")
    weight: Decimal = strawberry.field(description="Points it weighs (above 0, at most 100).")
    measure: MeasureInput = strawberry.field(description="How it is measured.")
    scoring_mode: ScoringMode = strawberry.field(description="zero_base or continuous.")
    responsibilities: ResponsibilitiesInput = strawberry.field(description="Who answers for it.")

    def value(self, path: str) -> TargetSpec:
        data = plain(self)
        measure = self.measure.data()
        data["measure"] = next(iter(measure.values()))
        # pydantic names the measure's variant by its tag: the input's own field name.
        return value_of(TargetSpec, data, path)


@strawberry.input(description="Another target's new weight, keeping the total right.")
class WeightInput:
    target_id: strawberry.ID = strawberry.field(description="The target.")
    weight: Decimal = strawberry.field(description="Its new weight in points.")


def rebalance_of(weights: list[WeightInput], path: str) -> dict[UUID, Decimal]:
    rebalance: dict[UUID, Decimal] = {}
    for index, entry in enumerate(weights):
        target_id = uuid_of(entry.target_id, f"{path}.{index}.targetId")
        if target_id in rebalance:
            raise InvalidInput("name each target once", field=f"{path}.{index}.targetId")
        rebalance[target_id] = entry.weight
    return rebalance
