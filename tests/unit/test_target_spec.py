"""What a target says (目标): a quantitative schedule (序时进度) never falls and reaches the
annual goal in December, above the baseline; a qualitative one has distinct milestones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from domain.targets.spec import Milestone, Qualitative, Quantitative, TargetSpec
from tests.builders import qualitative, quantitative

RISING = [Decimal(m) for m in range(1, 13)]


def _quantitative(**changes: Any) -> Quantitative:
    fields: dict[str, Any] = {
        "unit_of_measure": "km",
        "baseline": Decimal(0),
        "annual_goal": Decimal(12),
        "schedule": RISING,
    }
    return Quantitative(**{**fields, **changes})


def _refusal(**changes: Any) -> tuple[tuple[int | str, ...], str]:
    with pytest.raises(ValidationError) as caught:
        _quantitative(**changes)
    error = caught.value.errors()[0]
    return tuple(error["loc"]), str(error["msg"])


def test_a_schedule_rising_to_the_goal_in_december_is_valid() -> None:
    assert _quantitative().schedule[-1] == 12


def test_a_flat_month_in_the_schedule_is_allowed() -> None:
    flat = [Decimal(1), Decimal(1), *RISING[2:]]
    assert _quantitative(schedule=flat).schedule[1] == 1


def test_a_schedule_that_falls_is_refused() -> None:
    falling = [*RISING[:4], Decimal(3), *RISING[5:]]
    assert "month 5 falls" in _refusal(schedule=falling)[1]


def test_a_schedule_that_starts_below_the_baseline_is_refused() -> None:
    assert "month 1 falls" in _refusal(baseline=Decimal(2), annual_goal=Decimal(12))[1]


def test_a_schedule_must_reach_the_goal_in_december() -> None:
    assert "reach annual_goal" in _refusal(annual_goal=Decimal(13))[1]


@pytest.mark.parametrize("goal", ["0", "-1"])
def test_the_goal_lies_above_the_baseline(goal: str) -> None:
    assert "above baseline" in _refusal(annual_goal=Decimal(goal))[1]


@pytest.mark.parametrize("length", [11, 13])
def test_a_schedule_has_one_entry_per_month(length: int) -> None:
    assert _refusal(schedule=[Decimal(12)] * length)[0] == ("schedule",)


def test_milestone_keys_are_unique() -> None:
    twice = [Milestone(key="m1", title="方案", due_month=3)] * 2
    with pytest.raises(ValidationError, match="milestone keys must be unique"):
        Qualitative(milestones=twice)


def test_a_qualitative_target_has_at_least_one_milestone() -> None:
    with pytest.raises(ValidationError) as caught:
        Qualitative(milestones=[])
    assert caught.value.errors()[0]["loc"] == ("milestones",)


@pytest.mark.parametrize(("field", "value"), [("key", "M 1"), ("due_month", 13), ("title", "")])
def test_a_milestone_has_a_key_a_title_and_a_month(field: str, value: object) -> None:
    fields: dict[str, Any] = {"key": "m1", "title": "方案", "due_month": 3, field: value}
    with pytest.raises(ValidationError) as caught:
        Milestone(**fields)
    assert caught.value.errors()[0]["loc"] == (field,)


def test_qualitative_milestones_planned_by_a_month_count_those_due() -> None:
    measure = qualitative(milestones=4).measure
    assert isinstance(measure, Qualitative)
    assert [measure.planned_by(m) for m in (2, 3, 6, 12)] == [0, 1, 2, 4]


@pytest.mark.parametrize("weight", ["0", "-1", "100.01", "10.001", "NaN"])
def test_a_target_weighs_more_than_0_and_at_most_100_points_in_hundredths(weight: str) -> None:
    fields = quantitative().model_dump()
    fields["weight"] = Decimal(weight)
    with pytest.raises(ValidationError) as caught:
        TargetSpec.model_validate(fields)
    assert caught.value.errors()[0]["loc"] == ("weight",)
