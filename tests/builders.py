"""Readable builders for scenario tests: actors, people, target specs, a ready year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from uuid import UUID

from application.app import AssessmentApplication
from application.units import NewUnit
from domain.actors import Actor
from domain.people import Person
from domain.rulebook.document import parse_rulebook_yaml
from domain.rulebook.model import Rulebook
from domain.targets.spec import (
    Milestone,
    Qualitative,
    Quantitative,
    Responsibilities,
    TargetSpec,
)
from domain.vocabulary import REVIEW_ORDER, Role, ScoringMode, TargetClass, TargetKind

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2025

OFFICE = Actor(user_id="office-li", role=Role.ASSESSMENT_OFFICE)
REVIEWER = Actor(user_id="reviewer-wang", role=Role.REVIEWER)
LEADER = Actor(user_id="leader-zhao", role=Role.LEADER)
SUPERVISION = Actor(user_id="supervision-chen", role=Role.SUPERVISION_OFFICE)
INSPECTOR = Actor(user_id="inspector-sun", role=Role.INSPECTOR)
REVIEW_ACTORS = {
    REVIEW_ORDER[0]: REVIEWER,
    REVIEW_ORDER[1]: OFFICE,
    REVIEW_ORDER[2]: LEADER,
    REVIEW_ORDER[3]: LEADER,
}


def filler(unit_id: UUID) -> Actor:
    return Actor(user_id=f"filler-{str(unit_id)[:8]}", role=Role.UNIT, unit_id=unit_id)


def person(name: str = "王明") -> Person:
    return Person(name=name, title="科长", contact="13800000000")


def standard_rulebook() -> Rulebook:
    return parse_rulebook_yaml((ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8"))


def new_unit(code: str, category: str = "town", name: str | None = None) -> NewUnit:
    return NewUnit(
        code=code,
        name=name or f"单位{code}",
        category=category,
        main_leader=person("主要领导"),
        deputy_leader=person("分管领导"),
    )


def responsibilities() -> Responsibilities:
    return Responsibilities(
        filler=person("填报人"),
        directly_responsible=person("负责人"),
        contact=person("联系人"),
        section="目标科",
        leader_in_charge=person("分管领导"),
    )


def quantitative(
    weight: str = "10",
    goal: str = "12",
    baseline: str = "0",
    mode: ScoringMode = ScoringMode.CONTINUOUS,
    title: str = "道路建设",
) -> TargetSpec:
    base, top = Decimal(baseline), Decimal(goal)
    schedule = [base + (top - base) * Decimal(m) / Decimal(12) for m in range(1, 13)]
    schedule[-1] = top
    return TargetSpec(
        title=title,
        kind=TargetKind.INDIVIDUAL,
        target_class=TargetClass.KEY,
        group="economic_development",
        weight=Decimal(weight),
        measure=Quantitative(
            unit_of_measure="km", baseline=base, annual_goal=top, schedule=schedule
        ),
        scoring_mode=mode,
        responsibilities=responsibilities(),
    )


def qualitative(weight: str = "10", milestones: int = 4, title: str = "制度建设") -> TargetSpec:
    return TargetSpec(
        title=title,
        kind=TargetKind.COMMON,
        target_class=TargetClass.REGULAR,
        group="service",
        weight=Decimal(weight),
        measure=Qualitative(
            milestones=[
                Milestone(key=f"m{i}", title=f"节点{i}", due_month=min(12, i * 3))
                for i in range(1, milestones + 1)
            ]
        ),
        scoring_mode=ScoringMode.CONTINUOUS,
        responsibilities=responsibilities(),
    )


def open_year(app: AssessmentApplication, year: int = YEAR) -> None:
    app.open_year(year=year, by=OFFICE)
    app.adopt_rulebook(year=year, rulebook=standard_rulebook(), by=OFFICE)


def enrolled_unit(
    app: AssessmentApplication, code: str, category: str = "town", year: int = YEAR
) -> UUID:
    unit_id = app.register_unit(unit=new_unit(code, category), since_year=year, by=OFFICE)
    app.enrol_unit(year=year, unit_id=unit_id, by=OFFICE)
    return unit_id


def approve(app: AssessmentApplication, unit_id: UUID, target_id: UUID, year: int = YEAR) -> None:
    for level in REVIEW_ORDER:
        app.review_target(
            year=year,
            unit_id=unit_id,
            target_id=target_id,
            level=level,
            approve=True,
            by=REVIEW_ACTORS[level],
        )


def approved_target(
    app: AssessmentApplication, unit_id: UUID, spec: TargetSpec, year: int = YEAR
) -> UUID:
    target_id = app.propose_target(year=year, unit_id=unit_id, spec=spec, by=filler(unit_id))
    approve(app, unit_id, target_id, year)
    return target_id


def full_list(app: AssessmentApplication, unit_id: UUID, year: int = YEAR) -> list[UUID]:
    """Ten approved targets of 10 points: the unit's full 100-point list."""
    specs = [quantitative() if i % 2 else qualitative() for i in range(10)]
    return [approved_target(app, unit_id, spec, year) for spec in specs]
