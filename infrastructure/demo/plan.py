"""The plan of a demo year: every unit, target, report fate and incident, decided up
front from the seed alone (random.Random(seed), never the global random or the time),
so the same seed always drives the same commands."""

from __future__ import annotations

import random
from dataclasses import dataclass

from domain.rulebook.model import Rulebook
from infrastructure.demo.case_plans import CasePlan, plan_cases
from infrastructure.demo.evaluation_plans import REPRESENTATIVES, EvaluationPlan, plan_evaluations
from infrastructure.demo.incidents import Incidents, plan_incidents
from infrastructure.demo.sizes import DemoSize
from infrastructure.demo.units import UnitPlan, plan_units

# Year-end commands besides the units' self-checks and the representatives' ballots
# (infrastructure/demo/year_end.py).
YEAR_END_OFFICE_STEPS = 10


@dataclass(frozen=True)
class YearPlan:
    size: DemoSize
    seed: int
    year: int
    units: tuple[UnitPlan, ...]
    incidents: Incidents
    cases: tuple[CasePlan, ...]
    evaluations: EvaluationPlan

    def command_count(self) -> int:
        setup = 2 + 2 * len(self.units)
        targets = [t for u in self.units for t in u.targets]
        dynamic = [d.target for d in self.incidents.dynamic]
        reviews = sum(t.review_commands() for t in targets)
        reports = sum(t.report_commands() for t in targets + dynamic)
        scores = sum(1 for t in targets + dynamic if t.qualitative)
        closing = 12 + len(self.incidents.red_flags) + 1
        year_end = len(self.units) + YEAR_END_OFFICE_STEPS + len(REPRESENTATIVES)
        weighed = sum(len(c.steps) for c in self.cases) + self.evaluations.command_count()
        decided = self.incidents.count() + scores + weighed
        return setup + reviews + reports + decided + closing + year_end


def make_plan(size: DemoSize, *, seed: int, year: int, rulebook: Rulebook) -> YearPlan:
    rng = random.Random(seed)
    units = tuple(plan_units(size, rulebook, rng))
    incidents = plan_incidents(units, size=size, rulebook=rulebook, rng=rng)
    return YearPlan(
        size=size,
        seed=seed,
        year=year,
        units=units,
        incidents=incidents,
        cases=plan_cases(units, size, year, rng),
        evaluations=plan_evaluations(units, size, rng),
    )
