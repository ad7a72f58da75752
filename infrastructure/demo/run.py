"""What a running generation knows: the application, the plan, and the ids the
commands returned (units, targets, sanctions, cases, campaigns, the public's tokens)."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from application.app import AssessmentApplication
from domain.actors import Actor
from domain.rulebook.model import Rulebook
from infrastructure.demo.actors import filler
from infrastructure.demo.driver import Driver
from infrastructure.demo.plan import YearPlan
from infrastructure.demo.units import TargetPlan, UnitPlan


@dataclass(frozen=True)
class LiveTarget:
    unit: int
    unit_id: UUID
    target_id: UUID
    plan: TargetPlan


@dataclass
class Run:
    app: AssessmentApplication
    plan: YearPlan
    rulebook: Rulebook
    driver: Driver
    unit_ids: list[UUID] = field(default_factory=list)
    targets: list[list[LiveTarget]] = field(default_factory=list)  # per unit, by number
    sanction_ids: dict[int, UUID] = field(default_factory=dict)
    case_ids: dict[int, UUID] = field(default_factory=dict)  # by case number
    campaigns: dict[str, UUID] = field(default_factory=dict)  # public, mutual-<n>, leadership
    tokens: list[str] = field(default_factory=list)  # the public's, in the order of ballots

    @property
    def year(self) -> int:
        return self.plan.year

    def unit(self, index: int) -> UnitPlan:
        return self.plan.units[index]

    def filler(self, index: int) -> Actor:
        return filler(self.unit(index).code, self.unit_ids[index])

    def reporting(self, month: int) -> list[LiveTarget]:
        """Targets expected to report for the month, unit by unit."""
        return [t for unit in self.targets for t in unit if t.plan.first_month <= month]
