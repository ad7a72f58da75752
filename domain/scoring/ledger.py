"""One unit's ledger (台账): the year's score lines, and its score month by month.

Month-by-month figures come from prefix sums over the months each line is in force, so
a unit costs O(lines + 12) however many periods are ranked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.rulebook.model import Rulebook
from domain.scoring.completion import score_target
from domain.scoring.contributions import Contribution
from domain.scoring.facts import Decision, Key
from domain.scoring.lines import ADDED_KINDS, DEDUCTION_KINDS, Line
from domain.scoring.modifiers import IN_FORCE, Effect, Tariff, capped_bonus, effects_of
from domain.scoring.progress import ZERO, TargetProgress
from domain.scoring.rounding import Round
from domain.scoring.weighing import weighed_effects
from domain.vocabulary import SanctionKind

_GROUPS = {
    "targets": ("target",),
    "bonus": ("bonus", "bonus_cap"),
    "red_flags": ("red_flag",),
    "evaluations": ("evaluation",),
    "special_assessments": ("special_assessment",),
    "deductions": ("sanction", "deduction_notice", "late_report", "missing_report"),
    "supervision": ("case_overdue", "case_escalated"),
    "overrides": (),  # overrides set rank and grade, not points
}


@dataclass(slots=True)
class UnitLedger:
    unit_id: Key
    lines: list[Line]
    totals: list[Decimal]  # score at the end of month m, at index m
    target_points: list[Decimal]
    deductions: list[Decimal]  # magnitude of the deductions in force
    last: list[bool]  # under a sanction that puts it last (一票否决), by month
    sanctions: frozenset[SanctionKind]  # in force at year end: the grade overrides read these

    @property
    def total(self) -> Decimal:
        return self.totals[12]


@dataclass(slots=True)
class TargetLedger:
    """A unit's target lines and its target points month by month (index = month): what
    only the completion clauses and the rounding decide, so rulebooks that share those
    share it."""

    lines: list[Line]
    points: list[Decimal]


def target_ledger(
    targets: Iterable[TargetProgress], rulebook: Rulebook, round_: Round
) -> TargetLedger:
    """`targets` in the order of their numbers."""
    steps = [ZERO] * 14
    lines = [score_target(progress, rulebook, round_, steps) for progress in targets]
    return TargetLedger(lines, _prefix(steps))


def build_ledger(
    unit_id: Key,
    *,
    targets: TargetLedger,
    decisions: Iterable[Decision],
    weighed: Iterable[Contribution],
    rulebook: Rulebook,
    tariff: Tariff,
    round_: Round,
    last: frozenset[SanctionKind],
) -> UnitLedger:
    lines, target_points = list(targets.lines), targets.points
    effects = effects_of(decisions, tariff, round_) + weighed_effects(weighed, rulebook, round_)
    lines.extend(e.line for e in effects if e.end == IN_FORCE)
    sums, vetoes = _monthly(effects, last)
    bonus, flags, added, deductions = sums
    cap, totals = rulebook.bonus.cap, [ZERO] * 13
    for month in range(1, 13):
        counted = capped_bonus(bonus[month], cap, round_)
        totals[month] = (
            target_points[month] + counted + flags[month] + added[month] - deductions[month]
        )
    _add_cap_line(lines, rulebook, round_)
    return UnitLedger(
        unit_id,
        _in_modifier_order(lines, rulebook),
        totals,
        target_points,
        deductions,
        [count > 0 for count in vetoes],
        frozenset(e.sanction for e in effects if e.sanction and e.end == IN_FORCE),
    )


_SUMS = ("bonus", "red_flag", "added", "deduction")


def _monthly(
    effects: list[Effect], last: frozenset[SanctionKind]
) -> tuple[tuple[list[Decimal], ...], list[int]]:
    """Cumulative bonus, red flags, evaluations and special assessments, deduction
    magnitude, and last-place sanctions in force, by month."""
    steps = {key: [ZERO] * 14 for key in _SUMS}
    veto_steps = [0] * 14
    for effect in effects:
        kind = effect.line.kind
        key = "deduction" if kind in DEDUCTION_KINDS else "added" if kind in ADDED_KINDS else kind
        amount = -effect.line.points if key == "deduction" else effect.line.points
        steps[key][effect.start] += amount
        steps[key][effect.end] -= amount
        if effect.sanction in last:
            veto_steps[effect.start] += 1
            veto_steps[effect.end] -= 1
    vetoes = [0] * 13
    for month in range(1, 13):
        vetoes[month] = vetoes[month - 1] + veto_steps[month]
    return tuple(_prefix(steps[key]) for key in _SUMS), vetoes


def _prefix(steps: list[Decimal]) -> list[Decimal]:
    running, out = ZERO, [ZERO] * 13
    for month in range(1, 13):
        running += steps[month]
        out[month] = running
    return out


def _add_cap_line(lines: list[Line], rulebook: Rulebook, round_: Round) -> None:
    bonuses = [line for line in lines if line.kind == "bonus"]
    granted = sum((line.points for line in bonuses), ZERO)
    cap = rulebook.bonus.cap
    if granted > cap:
        correction = round_(cap - granted)
        refs = tuple(ref for line in bonuses for ref in line.event_ids)
        detail = f"bonus granted {granted} held at the cap {cap}: {correction}"
        lines.append(Line("bonus_cap", correction, rulebook.bonus.id, refs, detail))


def _in_modifier_order(lines: list[Line], rulebook: Rulebook) -> list[Line]:
    rank = {}
    for position, modifier in enumerate(rulebook.modifier_order):
        for kind in _GROUPS[modifier]:
            rank[kind] = position
    return sorted(lines, key=lambda line: rank.get(line.kind, len(rank)))
