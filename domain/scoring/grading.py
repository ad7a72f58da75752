"""Grades (优秀/良好/一般) by score band and share of the category, then the overrides.

A band with `max_share` admits only units ranked within floor(share × category size):
"居本类别前30%" is a position in the ranking, so a unit kept out of a band by an override
keeps its place and does not hand the slot down. Overrides (seed 001 格尔木, seed 000
平昌): admonishment (诫勉) → not excellent, the next band it qualifies for;
accountability (追责) → general; veto (一票否决) → general, last, no awards. The most
severe override in force decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from domain.rulebook.model import GradeBand, GradeOverride, GradingClause
from domain.vocabulary import Grade, SanctionKind

_SEVERITY = {"not_excellent": 1, "general": 2, "general_last_no_awards": 3}


@dataclass(slots=True, frozen=True)
class Graded:
    grade: Grade
    clause_id: str
    awards_allowed: bool


def band_grade(
    grading: GradingClause, total: Decimal, rank: int, size: int, *, excellent: bool = True
) -> Grade:
    for band in grading.bands:
        if band.grade is Grade.EXCELLENT and not excellent:
            continue
        if total >= band.min_score and rank <= _slots(band, size):
            return band.grade
    return Grade.GENERAL


def _slots(band: GradeBand, size: int) -> int:
    if band.max_share is None:
        return size
    return int((band.max_share * size).to_integral_value(rounding=ROUND_FLOOR))


def override_for(
    grading: GradingClause, sanctions: frozenset[SanctionKind]
) -> GradeOverride | None:
    applicable = [o for o in grading.overrides if o.when in sanctions]
    if not applicable:
        return None
    return max(applicable, key=lambda o: _SEVERITY[o.effect])


def last_kinds(grading: GradingClause) -> frozenset[SanctionKind]:
    """The sanction kinds whose override puts a unit last in its category."""
    return frozenset(o.when for o in grading.overrides if o.effect == "general_last_no_awards")


def grade(
    grading: GradingClause,
    total: Decimal,
    rank: int,
    size: int,
    sanctions: frozenset[SanctionKind],
) -> Graded:
    by_band = band_grade(grading, total, rank, size)
    override = override_for(grading, sanctions)
    if override is None:
        return Graded(by_band, grading.id, True)
    if override.effect == "not_excellent":
        if by_band is not Grade.EXCELLENT:
            return Graded(by_band, grading.id, True)
        fallback = band_grade(grading, total, rank, size, excellent=False)
        return Graded(fallback, override.clause.id, True)
    awards = override.effect != "general_last_no_awards"
    return Graded(Grade.GENERAL, override.clause.id, awards)
