"""Target specs of a demo unit: a 100-point list with weights to the cent, monthly
schedules (序时进度), and the unit's actual progress against them."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from domain.people import Person
from domain.targets.spec import Milestone, Qualitative, Quantitative, Responsibilities, TargetSpec
from domain.vocabulary import ScoringMode, TargetClass, TargetKind
from infrastructure.demo.catalogue import MILESTONES, SECTIONS, TargetTemplate
from infrastructure.demo.names import person

CENT = Decimal("0.01")
_CLASS_WEIGHT = {TargetClass.KEY: 1.8, TargetClass.REGULAR: 1.0, TargetClass.ADJUSTMENT: 0.6}


def split_weights(classes: list[TargetClass], total: Decimal, rng: random.Random) -> list[Decimal]:
    """Weights in half points that sum to exactly `total`, heavier for key targets."""
    halves = int(total * 2)
    raw = [_CLASS_WEIGHT[c] * rng.uniform(0.8, 1.25) for c in classes]
    scale = (halves - len(raw)) / sum(raw)  # every target keeps at least half a point
    shares = [1 + r * scale for r in raw]
    whole = [int(s) for s in shares]
    by_remainder = sorted(range(len(raw)), key=lambda i: (whole[i] - shares[i], i))
    for i in by_remainder[: halves - sum(whole)]:
        whole[i] += 1
    return [Decimal(h) / 2 for h in whole]


def target_class(rng: random.Random) -> TargetClass:
    roll = rng.random()
    if roll < 0.3:
        return TargetClass.KEY
    return TargetClass.ADJUSTMENT if roll > 0.9 else TargetClass.REGULAR


def build_spec(
    template: TargetTemplate,
    *,
    common: bool,
    klass: TargetClass,
    weight: Decimal,
    leader: Person,
    rng: random.Random,
    first_month: int = 1,
) -> TargetSpec:
    measure: Quantitative | Qualitative
    if template.quantitative:
        measure, mode = _quantitative(template, rng, first_month)
    else:
        measure, mode = _qualitative(rng, first_month), ScoringMode.CONTINUOUS
    return TargetSpec(
        title=template.title,
        kind=TargetKind.COMMON if common else TargetKind.INDIVIDUAL,
        target_class=klass,
        group=template.group,
        weight=weight,
        measure=measure,
        scoring_mode=mode,
        responsibilities=Responsibilities(
            filler=person(rng, "科员"),
            directly_responsible=person(rng),
            contact=person(rng),
            section=rng.choice(SECTIONS),
            leader_in_charge=leader,
        ),
    )


def _quantitative(
    template: TargetTemplate, rng: random.Random, first_month: int
) -> tuple[Quantitative, ScoringMode]:
    baseline = Decimal(rng.randint(*template.stock)) if template.stock[1] else Decimal(0)
    goal = baseline + Decimal(rng.randint(*template.goal))
    shape = rng.uniform(0.8, 1.4)  # front- or back-loaded work across the year
    months = 13 - first_month
    done = [Decimal(max(0, m - first_month + 1) / months) ** Decimal(shape) for m in range(1, 13)]
    schedule = [_cents(baseline + (goal - baseline) * share) for share in done]
    schedule[-1] = goal
    zero_base = rng.random() < (0.5 if baseline else 0.4)
    measure = Quantitative(
        unit_of_measure=template.measure or "",
        baseline=baseline,
        annual_goal=goal,
        schedule=schedule,
    )
    return measure, ScoringMode.ZERO_BASE if zero_base else ScoringMode.CONTINUOUS


def _qualitative(rng: random.Random, first_month: int) -> Qualitative:
    count = rng.randint(3, 6)
    titles = [MILESTONES[i] for i in sorted(rng.sample(range(len(MILESTONES)), count))]
    span = 13 - first_month
    return Qualitative(
        milestones=[
            Milestone(
                key=f"m{i + 1}",
                title=title,
                due_month=first_month - 1 + max(1, round(span * (i + 1) / count)),
            )
            for i, title in enumerate(titles)
        ]
    )


def progress_curve(
    spec: TargetSpec, performance: float, rng: random.Random
) -> tuple[Decimal | int, ...]:
    """What the unit will have reached at each month end: a cumulative value, or how
    many milestones (in due order) are done."""
    measure = spec.measure
    if isinstance(measure, Qualitative):
        delay = (
            2 if performance < 0.8 else 1 if performance < 0.92 else -1 if performance > 1.05 else 0
        )
        due = [m.due_month + delay for m in measure.milestones]
        return tuple(sum(1 for d in due if d <= month) for month in range(1, 13))
    reached, values = measure.baseline, list[Decimal | int]()
    ceiling = measure.baseline + (measure.annual_goal - measure.baseline) * Decimal("1.3")
    for planned in measure.schedule:
        wobble = Decimal(performance * rng.uniform(0.96, 1.04))
        level = measure.baseline + (planned - measure.baseline) * wobble
        reached = _cents(min(max(reached, level), ceiling))
        values.append(reached)
    return tuple(values)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
