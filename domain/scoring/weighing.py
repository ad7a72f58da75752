"""Contributions (`contributions.py`) under a rulebook: an evaluation is its kind's weight
× the share of the scale the unit's mean reached; a special assessment its weight × the
share its score reached; an overdue case deducts the points of the attention level in
force at its deadline, an escalated case the escalation's points. A rulebook without
the clause scores none of them (`rulebook/weighted.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from domain.rulebook.model import Rulebook
from domain.scoring.contributions import ESCALATED, EVALUATION, OVERDUE, SPECIAL, Contribution
from domain.scoring.lines import Line
from domain.scoring.modifiers import Effect
from domain.scoring.result import LineKind
from domain.scoring.rounding import Round
from domain.vocabulary import AttentionLevel, EvaluationKind

_KINDS: dict[str, LineKind] = {
    EVALUATION: "evaluation",
    SPECIAL: "special_assessment",
    OVERDUE: "case_overdue",
    ESCALATED: "case_escalated",
}


def weighed_effects(
    contributions: Iterable[Contribution], rulebook: Rulebook, round_: Round
) -> list[Effect]:
    out = []
    for item in contributions:
        priced = _priced(item, rulebook)
        if priced is None:
            continue
        points, clause_id, words = priced
        detail = f"{item.words}: {words}"
        line = Line(_KINDS[item.kind], round_(points), clause_id, item.refs, detail)
        line.target_id = item.target_id
        out.append(Effect(line, item.start, item.end))
    return out


def _priced(item: Contribution, rulebook: Rulebook) -> tuple[Decimal, str, str] | None:
    """Signed points before rounding, the clause, and the arithmetic in words."""
    if item.kind == EVALUATION and rulebook.evaluations is not None:
        clause = rulebook.evaluations.of(EvaluationKind(item.key))
        return item.ratio * clause.weight, clause.id, f"× weight {clause.weight}"
    if item.kind == SPECIAL and rulebook.special_assessments is not None:
        special = rulebook.special_assessments
        weight = special.weight_of(item.key)
        return item.ratio * weight, special.id, f"× weight {weight}"
    supervision = rulebook.supervision
    if item.kind == OVERDUE and supervision is not None:
        points = supervision.overdue.points.of(AttentionLevel(item.key))
        return -points, supervision.overdue.id, f"−{points}"
    if item.kind == ESCALATED and supervision is not None:
        points = supervision.escalated.points
        return -points, supervision.escalated.id, f"−{points}"
    return None
