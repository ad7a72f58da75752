"""The evaluations (评价) and special assessments (专项考核) of a demo year, planned up
front: units rating each other in groups of one category (互评), the county leaders
rating every unit (领导评价), the public rating the service units by token (群众满意度),
two representatives at the year end's democratic evaluation (民主测评), and two special
assessments, one of them corrected by its department.

Scores follow a unit's performance with some noise, drawn from a hash of the seed and
who rates whom, so they are reproducible without holding them in the plan."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from infrastructure.demo.sizes import DemoSize
from infrastructure.demo.units import UnitPlan

HALF = Decimal("0.5")
REPRESENTATIVES = ("representative-01", "representative-02")
SERVICE_CATEGORIES = frozenset({"town", "government_department"})


@dataclass(frozen=True)
class SpecialPlan:
    key: str
    name: str
    department: str
    units: tuple[int, ...]
    imported: tuple[int, int]  # (month, day)
    corrected: tuple[int, int] | None = None  # a second import, with two rows changed


@dataclass(frozen=True)
class EvaluationPlan:
    mutual_groups: tuple[tuple[int, ...], ...]
    leaders: tuple[str, ...]  # user ids of the county leaders who rate every unit
    public_units: tuple[int, ...]
    public_ballots: tuple[tuple[int, ...], ...]  # per token: the units it rates
    specials: tuple[SpecialPlan, ...]

    def command_count(self) -> int:
        mutual = sum(2 + len(group) for group in self.mutual_groups)
        leadership = 2 + len(self.leaders)
        public = 3 + len(self.public_ballots) if self.public_ballots else 0
        specials = sum(1 + (s.corrected is not None) for s in self.specials)
        return mutual + leadership + public + specials


def plan_evaluations(
    units: tuple[UnitPlan, ...], size: DemoSize, rng: random.Random
) -> EvaluationPlan:
    groups = []
    for category in dict.fromkeys(u.category for u in units):
        members = [i for i, u in enumerate(units) if u.category == category]
        parts = -(-len(members) // size.mutual_group)  # groups of at most mutual_group
        for part in range(parts):
            group = tuple(members[part::parts])
            if len(group) >= 2:
                groups.append(group)
    service = tuple(i for i, u in enumerate(units) if u.category in SERVICE_CATEGORIES)
    ballots = tuple(
        tuple(sorted(rng.sample(service, min(len(service), rng.choice((1, 1, 2, 3))))))
        for _ in range(size.public_ballots)
    )
    towns = tuple(i for i, u in enumerate(units) if u.category == "town")
    specials = (
        SpecialPlan(
            "work-safety", "安全生产专项考核", "县应急管理局", tuple(range(len(units))), (12, 15)
        ),
        SpecialPlan("ecology", "生态环境保护专项考核", "县生态环境局", towns, (11, 14), (12, 16)),
    )
    leaders = tuple(f"county-leader-{n:02d}" for n in range(1, size.leaders + 1))
    return EvaluationPlan(tuple(groups), leaders, service, ballots, specials)


def draw(seed: int, *about: object) -> float:
    """A number in [0, 1) fixed by the seed and what it is about."""
    digest = hashlib.sha256("/".join(map(str, (seed, *about))).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def hundred_point_score(seed: int, performance: float, *about: object) -> Decimal:
    """A score on 0-100 in half points: about 70 for a laggard, 95 for a leader."""
    base = 70 + 25 * min(max((performance - 0.6) / 0.6, 0.0), 1.0)
    score = base + 10 * (draw(seed, *about) - 0.5)
    halves = round(min(max(score, 0.0), 100.0) * 2)
    return Decimal(halves) * HALF


def satisfaction(seed: int, performance: float, *about: object) -> Decimal:
    """非常不满意 1 … 非常满意 5."""
    base = 1 + 4 * min(max((performance - 0.5) / 0.7, 0.0), 1.0)
    return Decimal(min(5, max(1, round(base + 2 * (draw(seed, *about) - 0.5)))))


def special_score(seed: int, performance: float, *about: object) -> Decimal:
    """A special assessment's score on 0-100, in hundredths."""
    base = 72 + 24 * min(max((performance - 0.6) / 0.6, 0.0), 1.0)
    score = min(max(base + 8 * (draw(seed, *about) - 0.5), 0.0), 100.0)
    return Decimal(round(score * 100)) / 100
