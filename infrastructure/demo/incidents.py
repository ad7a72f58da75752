"""The office's decisions in a demo year, planned up front: bonuses (some units past
the cap), deduction notices, sanctions of every kind with exactly one veto and one
upheld appeal, two red flags a month, dynamic targets and revisions."""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from decimal import Decimal

from domain.rulebook.model import Rulebook
from domain.vocabulary import SanctionKind
from infrastructure.demo import texts
from infrastructure.demo.revisions import (
    DynamicTarget,
    Revision,
    plan_dynamic_targets,
    plan_revisions,
)
from infrastructure.demo.sizes import DemoSize
from infrastructure.demo.units import UnitPlan


@dataclass(frozen=True)
class BonusGrant:
    month: int
    day: int
    unit: int
    points: Decimal
    reason: str
    basis: str
    by_leader: bool  # the leading group's decision, recorded by a leader


@dataclass(frozen=True)
class NoticeIssue:
    month: int
    day: int
    unit: int
    reason: str
    article: str


@dataclass(frozen=True)
class SanctionImposition:
    month: int
    day: int
    unit: int
    kind: SanctionKind
    reason: str
    article: str
    person: str | None


@dataclass(frozen=True)
class AppealUpheld:
    month: int
    day: int
    sanction: int  # index into Incidents.sanctions
    reason: str


@dataclass(frozen=True)
class RedFlag:
    month: int
    unit: int
    theme: str


Act = BonusGrant | NoticeIssue | SanctionImposition | AppealUpheld | DynamicTarget | Revision


@dataclass(frozen=True)
class Incidents:
    bonuses: tuple[BonusGrant, ...]
    notices: tuple[NoticeIssue, ...]
    sanctions: tuple[SanctionImposition, ...]
    appeals: tuple[AppealUpheld, ...]
    dynamic: tuple[DynamicTarget, ...]
    revisions: tuple[Revision, ...]
    red_flags: tuple[RedFlag, ...]  # awarded after each month closes, not mid-month

    def acts(self) -> list[Act]:
        return [a for f in fields(self) if f.name != "red_flags" for a in getattr(self, f.name)]

    def count(self) -> int:
        return len(self.acts())

    def in_month(self, month: int) -> list[Act]:
        """The month's acts by day; acts of one day keep the order above."""
        return sorted((a for a in self.acts() if a.month == month), key=lambda a: a.day)


def plan_incidents(
    units: tuple[UnitPlan, ...], *, size: DemoSize, rulebook: Rulebook, rng: random.Random
) -> Incidents:
    sanctions = _sanctions(units, size, rulebook, rng)
    dynamic = plan_dynamic_targets(units, size, rng)
    taken = {d.unit for d in dynamic}
    return Incidents(
        bonuses=tuple(_bonuses(units, size, rng)),
        notices=tuple(_notices(units, size, rulebook, rng)),
        sanctions=tuple(sanctions),
        appeals=tuple(_appeals(sanctions)),
        dynamic=tuple(dynamic),
        revisions=tuple(plan_revisions(units, size, rng, avoid=taken)),
        red_flags=tuple(_red_flags(units, rulebook, rng)),
    )


def _day(month: int, rng: random.Random) -> int:
    """Mid-month, after the previous month has closed (January's list comes first)."""
    return rng.randint(20, 27) if month == 1 else rng.randint(12, 27)


def _laggard_weights(units: tuple[UnitPlan, ...]) -> list[float]:
    return [max(0.05, 1.25 - u.performance) for u in units]


def _bonuses(units: tuple[UnitPlan, ...], size: DemoSize, rng: random.Random) -> list[BonusGrant]:
    best = sorted(range(len(units)), key=lambda i: (-units[i].performance, i))
    heavy = [
        (i, Decimal(p))
        for i in best[: size.bonus_heavy_units]
        for p in rng.choice((("2", "1.5", "1.5", "1"), ("2.5", "2", "1.5")))
    ]
    weights = [u.performance for u in units]
    light = [
        (rng.choices(range(len(units)), weights)[0], Decimal(rng.choice(("0.2", "0.5", "1"))))
        for _ in range(max(0, size.bonuses - len(heavy)))
    ]
    grants = []
    for unit, points in heavy + light:
        month = rng.randint(2, 12)
        reason, basis = rng.choice(texts.BONUS_REASONS)
        grants.append(
            BonusGrant(
                month,
                _day(month, rng),
                unit,
                points,
                reason,
                basis,
                by_leader=points >= Decimal("1.5"),
            )
        )
    return grants


def _notices(
    units: tuple[UnitPlan, ...], size: DemoSize, rulebook: Rulebook, rng: random.Random
) -> list[NoticeIssue]:
    article = rulebook.deductions.deduction_notice.id
    weights = _laggard_weights(units)
    return [
        NoticeIssue(
            month,
            _day(month, rng),
            rng.choices(range(len(units)), weights)[0],
            rng.choice(texts.NOTICE_REASONS),
            article,
        )
        for month in range(1, 13)
        for _ in range(size.notices_per_month)
    ]


def _sanctions(
    units: tuple[UnitPlan, ...], size: DemoSize, rulebook: Rulebook, rng: random.Random
) -> list[SanctionImposition]:
    """Every kind at least once, the rest mostly reminders and interviews, and exactly
    one veto (一票否决) in September against the weakest unit."""
    articles = {d.kind: d.id for d in rulebook.deductions.sanctions}
    ordinary = [k for k in SanctionKind if k is not SanctionKind.VETO]
    slots = [m for m in range(1, 13) for _ in range(size.sanctions_per_month)]
    rng.shuffle(slots)
    kinds = ordinary + rng.choices(ordinary, (35, 25, 20, 6, 4, 10), k=len(slots) - len(ordinary))
    weakest = min(range(len(units)), key=lambda i: (units[i].performance, i))
    picks = [
        (m, k, rng.choices(range(len(units)), _laggard_weights(units))[0])
        for m, k in zip(slots, kinds, strict=True)
    ] + [(9, SanctionKind.VETO, weakest)]
    sanctions = []
    for month, kind, unit in sorted(picks, key=lambda p: p[0]):
        person = units[unit].main_leader.name if kind in texts.NAMED_PERSON else None
        sanctions.append(
            SanctionImposition(
                month,
                _day(month, rng),
                unit,
                kind,
                texts.SANCTION_REASONS[kind],
                articles[kind],
                person,
            )
        )
    return sanctions


def _appeals(sanctions: list[SanctionImposition]) -> list[AppealUpheld]:
    """One notification criticism is revoked the month after, its appeal upheld."""
    for index, sanction in enumerate(sanctions):
        if sanction.kind is SanctionKind.NOTIFICATION and sanction.month <= 11:
            return [AppealUpheld(sanction.month + 1, 28, index, texts.APPEAL_UPHELD)]
    return []


def _red_flags(
    units: tuple[UnitPlan, ...], rulebook: Rulebook, rng: random.Random
) -> list[RedFlag]:
    """Two a month, one per slot of the rulebook, among the better units of the slot."""
    flags = []
    for month in range(1, 13):
        for slot in rulebook.red_flags.slots:
            eligible = [i for i, u in enumerate(units) if u.category in slot.categories]
            if not eligible:
                continue
            eligible.sort(key=lambda i: (-units[i].performance, i))
            winner = rng.choice(eligible[: max(3, len(eligible) // 4)])
            flags.append(RedFlag(month, winner, f"{month}月·{texts.RED_FLAG_THEMES[month - 1]}"))
    return flags
