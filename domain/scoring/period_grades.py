"""A standing's grade: the grade bands and overrides applied to a period's score and
rank, with the sanctions in force at the end of the period's last month.

The year's grade is the unit result's (the same rule at December); a monthly ranking
shows what the grade would be if the year ended then — what an office publishes with
its monthly ranking (seed 000 按月通报).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.rulebook.model import Rulebook
from domain.scoring.facts import Decision, Key, YearFacts
from domain.scoring.grading import Graded, grade
from domain.scoring.result import Standing
from domain.vocabulary import SanctionKind

_KINDS = {kind.value: kind for kind in SanctionKind}


def sanctions_in_force(decisions: Iterable[Decision], month: int) -> frozenset[SanctionKind]:
    return frozenset(
        _KINDS[d.kind]
        for d in decisions
        if d.kind in _KINDS and d.month <= month and (d.revoked is None or d.revoked > month)
    )


def standing_grades(
    facts: YearFacts,
    standings: Iterable[Standing],
    rulebook: Rulebook,
    last_month: dict[str, int],
    sizes: Mapping[tuple[str, str], int],
) -> dict[tuple[str, object], Graded]:
    """(period, unit id) → the grade of each standing; `last_month` maps each period text
    to the month it ends with, `sizes` each (period, category) to its number of units."""
    listed = list(standings)
    by_unit: dict[Key, list[Decision]] = {}  # each unit's sanctions, the decisions that grade
    for decision in facts.decisions.values():
        if decision.kind in _KINDS:
            by_unit.setdefault(facts.uuid_of(decision.unit_id), []).append(decision)
    return {
        (s.period, s.unit_id): grade(
            rulebook.grading,
            s.score,
            s.rank,
            sizes[(s.period, s.category)],
            sanctions_in_force(by_unit.get(s.unit_id, ()), last_month[s.period]),
        )
        for s in listed
    }
