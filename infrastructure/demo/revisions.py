"""Mid-year changes to 100-point lists: dynamic targets (动态指标) the office adds, and
revisions of an approved target, each with the rebalance that keeps the total."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from domain.targets.spec import Quantitative, TargetSpec
from domain.vocabulary import TargetClass
from infrastructure.demo import catalogue, texts
from infrastructure.demo.sizes import DemoSize
from infrastructure.demo.specs import CENT, build_spec
from infrastructure.demo.units import TargetPlan, UnitPlan, plan_target

HALF = Decimal("0.5")


@dataclass(frozen=True)
class DynamicTarget:
    month: int
    day: int
    unit: int
    target: TargetPlan
    rebalance: tuple[tuple[int, Decimal], ...]  # (target index in the unit, new weight)
    reason: str


@dataclass(frozen=True)
class Revision:
    month: int
    day: int
    unit: int
    target: int
    spec: TargetSpec
    rebalance: tuple[tuple[int, Decimal], ...]
    reason: str


def plan_dynamic_targets(
    units: tuple[UnitPlan, ...], size: DemoSize, rng: random.Random
) -> list[DynamicTarget]:
    chosen = rng.sample(range(len(units)), min(size.dynamic_targets, len(units)))
    planned = []
    for unit in sorted(chosen):
        plan = units[unit]
        month = rng.randint(5, 7)
        weight = Decimal(rng.choice((2, 3)))
        spec = build_spec(
            rng.choice(catalogue.DYNAMIC),
            common=False,
            klass=TargetClass.KEY,
            weight=weight,
            leader=plan.deputy_leader,
            rng=rng,
            first_month=month,
        )
        target = plan_target(spec, plan.performance, size, rng, first_month=month)
        rebalance = _take_from_heaviest(plan, weight)
        planned.append(DynamicTarget(month, 16, unit, target, rebalance, texts.DYNAMIC_REASON))
    return planned


def plan_revisions(
    units: tuple[UnitPlan, ...], size: DemoSize, rng: random.Random, *, avoid: set[int]
) -> list[Revision]:
    """A quantitative target's goal is lowered by a tenth and its weight raised by one
    point, taken from another target of the same unit."""
    candidates = [
        i for i, u in enumerate(units)
        if i not in avoid and any(not t.qualitative for t in u.targets) and len(u.targets) > 1
    ]  # fmt: skip
    planned = []
    for unit in sorted(rng.sample(candidates, min(size.revisions, len(candidates)))):
        targets = units[unit].targets
        quantitative = [i for i, t in enumerate(targets) if not t.qualitative]
        donors = [i for i, t in enumerate(targets) if t.spec.weight >= Decimal("1.5")]
        revised = rng.choice(quantitative)
        donor = rng.choice([i for i in donors if i != revised])
        spec = _lowered(targets[revised].spec)
        rebalance = ((donor, targets[donor].spec.weight - 1),)
        month = rng.randint(4, 8)
        planned.append(Revision(month, 14, unit, revised, spec, rebalance, texts.REVISION_REASON))
    return planned


def _take_from_heaviest(plan: UnitPlan, weight: Decimal) -> tuple[tuple[int, Decimal], ...]:
    """Half a point at a time from the heaviest targets, none going below one point."""
    weights = {i: t.spec.weight for i, t in enumerate(plan.targets)}
    order = sorted(weights, key=lambda i: (-weights[i], i))
    remaining, position = weight, 0
    while remaining > 0:
        index = order[position % len(order)]
        if weights[index] - HALF >= 1:
            weights[index] -= HALF
            remaining -= HALF
        position += 1
    return tuple((i, w) for i, w in sorted(weights.items()) if w != plan.targets[i].spec.weight)


def _lowered(spec: TargetSpec) -> TargetSpec:
    measure = spec.measure
    assert isinstance(measure, Quantitative)
    base = measure.baseline

    def lower(value: Decimal) -> Decimal:
        return (base + (value - base) * Decimal("0.9")).quantize(CENT)

    revised = measure.model_copy(
        update={
            "annual_goal": lower(measure.annual_goal),
            "schedule": [lower(v) for v in measure.schedule],
        }
    )
    return spec.model_copy(update={"weight": spec.weight + 1, "measure": revised})
