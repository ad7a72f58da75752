"""Bonuses, red flags and deductions as score lines, each in force from the month it is
about until the month a later event revoked it (DOMAIN.md §4).

The bonus cap (seed 000 经开区: 奖励加分累计不超过5分) holds the cumulative *bonus* at the
cap; red flags (seed 000 南江县: 奖综合考核得分1分) are a separate reward and are not
under it. A yellow card (黄牌警告) deducts its table points times the multiplier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.rulebook.model import Rulebook
from domain.scoring.facts import Decision
from domain.scoring.lines import Line
from domain.scoring.result import LineKind
from domain.scoring.rounding import Round
from domain.vocabulary import SanctionKind

IN_FORCE = 13  # `end` of an effect nothing revoked: it still counts in December


@dataclass(slots=True)
class Effect:
    line: Line
    start: int
    end: int
    sanction: SanctionKind | None = None


@dataclass(frozen=True, slots=True)
class Tariff:
    """What each kind of decision is worth under the rulebook: line kind, signed and
    rounded points, clause id and the words of the ledger — worked out once per scoring."""

    rows: dict[str, tuple[LineKind, Decimal, str, str]]
    bonus_clause: str

    @classmethod
    def of(cls, rulebook: Rulebook, round_: Round) -> Tariff:
        deductions = rulebook.deductions
        flag, notice = rulebook.red_flags, deductions.deduction_notice
        late, missing = deductions.late_report, deductions.missing_report
        rows: dict[str, tuple[LineKind, Decimal, str, str]] = {
            "red_flag": ("red_flag", round_(flag.points), flag.id, "red flag (流动红旗)"),
            "notice": ("deduction_notice", -round_(notice.points), notice.id, "deduction notice"),
            "late_report": ("late_report", -round_(late.points), late.id, "late report"),
            "missing_report": ("missing_report", -round_(missing.points), missing.id, "no report"),
        }
        for kind in SanctionKind:
            row = rulebook.sanction_row(kind)
            points, detail = row.points, f"{kind}: {row.points}"
            if kind is SanctionKind.YELLOW_CARD:
                card = deductions.yellow_card
                points = row.points * card.multiplier
                detail = f"yellow card: {row.points} × {card.multiplier} ({card.id})"
            rows[kind.value] = ("sanction", -round_(points), row.id, detail)
        return cls(rows, rulebook.bonus.id)


def effects_of(decisions: Iterable[Decision], tariff: Tariff, round_: Round) -> list[Effect]:
    out = []
    for decision in decisions:
        end = IN_FORCE if decision.revoked is None else decision.revoked
        refs = (decision.ref,)
        if decision.kind == "bonus":
            line = Line("bonus", round_(decision.points), tariff.bonus_clause, refs, "bonus")
            out.append(Effect(line, decision.month, end))
            continue
        kind, points, clause, detail = tariff.rows[decision.kind]
        line = Line(kind, points, clause, refs, f"{detail}, month {decision.month}")
        line.target_id = decision.target_id
        sanction = SanctionKind(decision.kind) if kind == "sanction" else None
        out.append(Effect(line, decision.month, end, sanction))
    return out


def capped_bonus(cumulative: Decimal, cap: Decimal, round_: Round) -> Decimal:
    """The bonus that counts: the cumulative bonus, held at the cap."""
    if cumulative > cap:
        return cumulative + round_(cap - cumulative)
    return cumulative
