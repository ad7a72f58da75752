"""The supervision cases (督办事项) of a demo year, planned up front from the seed: every
source and attention level, each case walked through the machine on dates of its own —
most struck off (销号) in time, some late, some reworked after a failed verification,
some left overdue, and exactly one escalated with an accountability proposal (追责建议).

Case steps happen on days 10 to 28 of a month (in the afternoons, `weighed_acts.py`), so
they never meet the monthly returns of the first days; a step wanted on another day
moves to the next such day."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel, NoticeColour
from infrastructure.demo.sizes import DemoSize
from infrastructure.demo.units import UnitPlan

L = AttentionLevel
FATES = ("closed", "closed_late", "reworked", "overdue")
_FIRST_FATES = ("escalated", "overdue", "closed", "closed_late", "reworked")  # one of each
_WEIGHTS = (55, 20, 10, 15)  # most cases are struck off in time
_LEVELS = (L.GENERAL, L.ATTENTION, L.KEY, L.SPECIAL)
_LEVEL_WEIGHTS = (50, 25, 15, 10)  # 金字塔: most matters at the base (seed 003)
LAST_DAY = 28


@dataclass(frozen=True)
class Step:
    on: date
    kind: str  # open assign commit progress notice adjust inspect rectify pass fail close escalate
    colour: NoticeColour | None = None
    complete_by: date | None = None
    level: AttentionLevel | None = None


@dataclass(frozen=True)
class CasePlan:
    number: int
    unit: int
    cooperating: tuple[int, ...]
    source: CaseSource
    level: AttentionLevel
    deadline: date
    fate: str  # closed, closed_late, reworked, overdue or escalated
    steps: tuple[Step, ...]


def working_day(wanted: date) -> date:
    """The first day of the case windows (10th to 28th) on or after `wanted`."""
    if wanted.day < 10:
        return wanted.replace(day=10)
    if wanted.day > LAST_DAY:
        following = wanted.replace(day=1) + timedelta(days=32)
        return following.replace(day=10)
    return wanted


def plan_cases(
    units: tuple[UnitPlan, ...], size: DemoSize, year: int, rng: random.Random
) -> tuple[CasePlan, ...]:
    """`size.cases` cases: sources in turn, levels first one of each then by the pyramid,
    fates first one of each (the first case escalated, the only one) then mostly struck
    off in time; laggard units get more cases."""
    weights = [max(0.1, 1.3 - u.performance) for u in units]
    plans = []
    for number in range(size.cases):
        unit = rng.choices(range(len(units)), weights)[0]
        others = [i for i in range(len(units)) if i != unit]
        cooperating = tuple(sorted(rng.sample(others, rng.choice((0, 1, 2)))))
        level = _LEVELS[number] if number < 4 else rng.choices(_LEVELS, _LEVEL_WEIGHTS)[0]
        fate = _FIRST_FATES[number] if number < 5 else rng.choices(FATES, _WEIGHTS)[0]
        source = list(CaseSource)[number % len(CaseSource)]
        opened = working_day(date(year, rng.randint(2, 8), rng.randint(10, LAST_DAY)))
        deadline = opened + timedelta(days=rng.randint(30, 60))
        steps = _steps(opened, deadline, fate=fate, level=level, rng=rng)
        last = date(year, 12, LAST_DAY)  # a case walked past it stays as it stands
        kept = tuple(sorted((step for step in steps if step.on <= last), key=lambda s: s.on))
        plans.append(CasePlan(number, unit, cooperating, source, level, deadline, fate, kept))
    return tuple(plans)


def _steps(
    opened: date, deadline: date, *, fate: str, level: AttentionLevel, rng: random.Random
) -> list[Step]:
    """Opened, assigned and committed to; progress about every ten days while at work;
    a raised level or an inspection now and then; then the fate's ending."""
    steps = [Step(opened, "open"), Step(opened, "assign"), Step(_after(opened, 1), "commit")]
    work_until = deadline + timedelta(
        days={
            "closed": -rng.randint(2, 8),
            "closed_late": rng.randint(6, 20),
            "reworked": -rng.randint(8, 14),
            "overdue": rng.randint(10, 40),
            "escalated": 15,
        }[fate]
    )
    day = _progress(steps, steps[-1].on, work_until)
    if rng.random() < 0.25 and level is not L.SPECIAL:
        steps.append(Step(steps[2].on, "adjust", level=_LEVELS[_LEVELS.index(level) + 1]))
    if rng.random() < 0.3:
        steps.append(Step(day, "inspect"))
    if fate in ("closed_late", "overdue", "escalated"):
        colour = NoticeColour.RED if fate == "escalated" else NoticeColour.YELLOW
        steps.append(Step(max(_after(deadline, 3), day), "notice", colour=colour))
    return steps + _ending(fate, deadline, max(working_day(work_until), day), rng)


def _ending(fate: str, deadline: date, day: date, rng: random.Random) -> list[Step]:
    if fate == "overdue":  # a deadline notice (限期办结通知单), and still not done
        notice_day = max(_after(deadline, 12), day)
        limit = notice_day + timedelta(days=30)
        return [Step(notice_day, "notice", NoticeColour.DEADLINE, complete_by=limit)]
    if fate == "escalated":
        return [Step(day, "escalate")]
    steps = [Step(day, "rectify")]
    if fate == "reworked":  # the verification fails: more work, a second rectification
        failed = _after(day, 2)
        steps.append(Step(failed, "fail"))
        again = _progress(steps, failed, failed + timedelta(days=rng.randint(10, 25)))
        day = _after(again, 1)
        steps.append(Step(day, "rectify"))
    passed = _after(day, rng.randint(1, 3))
    return [*steps, Step(passed, "pass"), Step(_after(passed, rng.randint(1, 3)), "close")]


def _progress(steps: list[Step], day: date, until: date) -> date:
    """A progress report about every ten days (10天一推进) until `until`."""
    while (following := _after(day, 10)) <= until:
        steps.append(Step(following, "progress"))
        day = following
    return day


def _after(day: date, days: int) -> date:
    return working_day(day + timedelta(days=days))
