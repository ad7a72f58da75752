"""The planned units of a demo year: names, leaders, performance, their 100-point
target lists and how each monthly report will go."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from domain.people import Person
from domain.rulebook.model import Rulebook
from domain.targets.spec import Qualitative, TargetSpec
from infrastructure.demo import catalogue
from infrastructure.demo.names import in_district, person, unit_code, unit_names
from infrastructure.demo.sizes import DemoSize
from infrastructure.demo.specs import build_spec, progress_curve, split_weights, target_class


class ReportFate(IntEnum):
    """How one target's report for one month goes."""

    ON_TIME = 0
    LATE = 1  # first submitted after the due day → ReportLate at close
    MISSING = 2  # never submitted → ReportMissing at close
    REJECTED_FIXED = 3  # rejected, resubmitted and verified before close
    REJECTED_LEFT = 4  # rejected and never corrected


COMMANDS_PER_FATE = {
    ReportFate.ON_TIME: 2,
    ReportFate.LATE: 2,
    ReportFate.MISSING: 0,
    ReportFate.REJECTED_FIXED: 4,
    ReportFate.REJECTED_LEFT: 2,
}


@dataclass(frozen=True)
class TargetPlan:
    spec: TargetSpec
    curve: tuple[Decimal | int, ...]  # value or milestones done at each month end
    fates: tuple[ReportFate, ...]  # one per month of the year
    returned_at: int | None = None  # review level that returns the proposal once
    first_month: int = 1

    @property
    def qualitative(self) -> bool:
        return isinstance(self.spec.measure, Qualitative)

    def review_commands(self) -> int:
        """Propose and four approvals; a return costs the levels before it, the return
        itself and the resubmission."""
        return 5 + (0 if self.returned_at is None else self.returned_at + 2)

    def report_commands(self) -> int:
        return sum(COMMANDS_PER_FATE[f] for f in self.fates[self.first_month - 1 :])


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    category: str
    main_leader: Person
    deputy_leader: Person
    performance: float  # share of the schedule the unit tends to reach
    targets: tuple[TargetPlan, ...]


def plan_units(size: DemoSize, rulebook: Rulebook, rng: random.Random) -> list[UnitPlan]:
    districts: list[str | None] = list(size.districts) or [None]
    per_district = len(districts)
    plans = []
    for index, district in enumerate(districts):
        number = None if district is None else index + 1
        for category, count in size.units:
            share = count // per_district + (1 if index < count % per_district else 0)
            for n, name in enumerate(unit_names(category, share, rng), start=1):
                code, full_name = unit_code(category, n, number), in_district(name, district)
                plans.append(
                    _unit(code, full_name, category, size=size, rulebook=rulebook, rng=rng)
                )
    return plans


def _unit(
    code: str, name: str, category: str, *, size: DemoSize, rulebook: Rulebook, rng: random.Random
) -> UnitPlan:
    roll = rng.random()
    performance = (
        rng.uniform(0.62, 0.8)
        if roll < 0.15
        else rng.uniform(1.05, 1.18)
        if roll > 0.8
        else rng.uniform(0.88, 1.04)
    )
    deputy = person(rng, "副县长" if category == "town" else "分管副职")
    count = rng.randint(*size.targets)
    templates = _templates(category, count, rng)
    classes = [target_class(rng) for _ in templates]
    weights = split_weights(classes, rulebook.total_weight, rng)
    targets = []
    for (template, common), klass, weight in zip(templates, classes, weights, strict=True):
        spec = build_spec(
            template, common=common, klass=klass, weight=weight, leader=deputy, rng=rng
        )
        targets.append(plan_target(spec, performance, size, rng))
    return UnitPlan(
        code, name, category, person(rng, "主要负责人"), deputy, performance, tuple(targets)
    )


def _templates(
    category: str, count: int, rng: random.Random
) -> list[tuple[catalogue.TargetTemplate, bool]]:
    own = [(t, False) for t in catalogue.BY_CATEGORY[category]]
    common = [(t, True) for t in catalogue.COMMON]
    individual = min(len(own), max(count // 2, count - len(common)))
    return rng.sample(own, individual) + rng.sample(common, min(len(common), count - individual))


def plan_target(
    spec: TargetSpec, performance: float, size: DemoSize, rng: random.Random, first_month: int = 1
) -> TargetPlan:
    own = performance * rng.uniform(0.9, 1.1)
    returned = rng.randrange(4) if rng.random() < size.returned_share else None
    fates = plan_fates(performance, size, rng)
    return TargetPlan(spec, progress_curve(spec, own, rng), fates, returned, first_month)


def plan_fates(performance: float, size: DemoSize, rng: random.Random) -> tuple[ReportFate, ...]:
    """Laggards report late and miss reports more often than units ahead of schedule."""
    care = 2.0 if performance < 0.8 else 0.5 if performance > 1.05 else 1.0
    late, missing, rejected = (
        r * care for r in (size.late_rate, size.missing_rate, size.rejected_rate)
    )
    fates = []
    for _ in range(12):
        roll = rng.random()
        if roll < missing:
            fates.append(ReportFate.MISSING)
        elif roll < missing + late:
            fates.append(ReportFate.LATE)
        elif roll < missing + late + rejected:
            left = rng.random() < 0.25
            fates.append(ReportFate.REJECTED_LEFT if left else ReportFate.REJECTED_FIXED)
        else:
            fates.append(ReportFate.ON_TIME)
    return tuple(fates)
