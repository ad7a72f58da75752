"""A jurisdiction's standing as a whole, from its rankings view: what a city reads of each
of its counties (issue 9 point 1: the counties' views, never their logs)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from projections.rankings import TABLE as RANKINGS
from projections.sql import ViewTransaction
from projections.versioned import AS_OF, CURRENT


@dataclass(frozen=True)
class PeriodSummary:
    units: int
    mean_score: Decimal
    excellent: int
    general: int


def period_summary(
    tx: ViewTransaction, *, year_id: UUID, period: str, as_of: int | None = None
) -> PeriodSummary | None:
    """Every unit of every category in one period: how many, their mean score, how many
    excellent and how many general (one indexed read)."""
    when, params = (CURRENT, ()) if as_of is None else (AS_OF, (as_of, as_of))
    rows = tx.rows(
        f"SELECT score, grade FROM {RANKINGS.name} WHERE year_id = %s AND period = %s AND {when}",
        (str(year_id), period, *params),
    )
    if not rows:
        return None
    scores = [Decimal(str(score)) for score, _ in rows]
    grades = [str(grade) for _, grade in rows]
    mean = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01"))
    return PeriodSummary(len(rows), mean, grades.count("excellent"), grades.count("general"))
