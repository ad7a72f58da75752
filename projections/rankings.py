"""Rankings (DOMAIN.md §5): per category and period (month, quarter, half-year, year),
each unit's score, rank, grade, and its change since the previous period of the kind.

A period's standing is as of the end of its last month (cumulative, as the offices
publish them); the grade is the rulebook's bands and overrides applied to it
(domain/scoring/period_grades.py). Versioned: readable as of any checkpoint.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from uuid import UUID

from domain.periods import Period
from domain.scoring.period_grades import standing_grades
from domain.scoring.result import Standing, YearResult
from projections.checkpoints import version_filter
from projections.result_view import ResultView, text, uuid_text
from projections.sql import ViewTransaction
from projections.versioned import Key, RowScope, Values, VersionedTable

TABLE = VersionedTable(
    "view_rankings",
    keys=[("year_id", "TEXT"), ("period", "TEXT"), ("category", "TEXT"), ("unit_id", "TEXT")],
    values=[
        ("year", "BIGINT"), ("code", "TEXT"), ("name", "TEXT"), ("score", "TEXT"),
        ("rank", "BIGINT"), ("size", "BIGINT"), ("grade", "TEXT"), ("grade_clause", "TEXT"),
        ("previous_rank", "BIGINT"), ("previous_score", "TEXT"),
    ],
)  # fmt: skip


@dataclass(frozen=True)
class RankingRow:
    unit_id: str
    code: str
    name: str
    category: str
    period: str
    score: Decimal
    rank: int
    size: int
    grade: str
    grade_clause: str
    previous_rank: int | None
    previous_score: Decimal | None

    @property
    def rank_change(self) -> int | None:
        """Places gained since the previous period (positive: moved up)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank


class RankingsView(ResultView):
    name = "rankings"
    table = TABLE

    def unit_of(self, key: Key, _values: Values) -> str:
        return str(key[3])

    def rows(self, year_id: UUID, result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        folder = self.state.folders[year_id]
        rulebook = self.state.rulebook_of(year_id)
        assert rulebook is not None  # a result exists only under an adopted rulebook
        records = self.state.records(year_id, units)
        mine = [s for found in records for s in found.standings]
        # every enrolled unit stands in every started period: a category's size is its units
        in_category = Counter(folder.facts.roster.values())
        sizes = {(s.period, s.category): in_category[s.category] for s in mine}
        ends = {period: _last_month(period) for period in {s.period for s in mine}}
        grades = standing_grades(folder.facts, mine, rulebook, ends, sizes)
        labels = {found.result.unit_id: (found.result.code, found.result.name) for found in records}
        by_key: dict[tuple[str | None, UUID], Standing] = {(s.period, s.unit_id): s for s in mine}
        out: dict[Key, Values] = {}
        year_text = uuid_text(year_id)
        for s in mine:
            previous = by_key.get((_previous(s.period), s.unit_id))
            graded = grades[(s.period, s.unit_id)]
            code, name = labels[s.unit_id]
            out[(year_text, s.period, s.category, uuid_text(s.unit_id))] = (
                result.year, code, name, str(s.score), s.rank, sizes[(s.period, s.category)],
                str(graded.grade), graded.clause_id,
                previous.rank if previous else None, text(previous.score) if previous else None,
            )  # fmt: skip
        return out


@lru_cache(maxsize=256)
def _last_month(period: str) -> int:
    return Period.parse(period).last_month


@lru_cache(maxsize=256)  # a year has 19 periods; every batch asks for each unit's
def _previous(period: str) -> str | None:
    parsed = Period.parse(period)
    if parsed.index == 1:
        return None
    return str(Period(parsed.year, parsed.kind, parsed.index - 1))


def ranking(
    tx: ViewTransaction,
    *,
    year_id: UUID,
    period: str,
    category: str,
    as_of: int | None = None,
    after_rank: int = 0,
    limit: int | None = None,
    unit_id: UUID | None = None,
) -> list[RankingRow]:
    """One category's ranking for one period, best first; as of a checkpoint if given.
    A page is the rows ranked below `after_rank` (a keyset: ranks are 1..n without
    repeats), at most `limit`; `unit_id` keeps that unit's row alone."""
    when, params = version_filter(as_of)
    columns = "unit_id, code, name, category, period, score, rank, size, grade, grade_clause"
    unit_filter, unit_params = ("AND unit_id = %s ", (str(unit_id),)) if unit_id else ("", ())
    page, page_params = ("LIMIT %s", (limit,)) if limit is not None else ("", ())
    rows = tx.rows(
        f"SELECT {columns}, previous_rank, previous_score FROM {TABLE.name} "
        f"WHERE year_id = %s AND period = %s AND category = %s AND rank > %s {unit_filter}"
        f"AND {when} ORDER BY rank {page}",
        (str(year_id), period, category, after_rank, *unit_params, *params, *page_params),
    )
    return [_row(row) for row in rows]


def ranking_rows(*, year_id: UUID, period: str, category: str) -> RowScope:
    """The rows `ranking` reads for a category and period, whatever the page or unit."""
    return TABLE.scope(year_id=str(year_id), period=period, category=category)


def _row(row: tuple[object, ...]) -> RankingRow:
    unit_id, code, name, category, period, score, rank, size, grade, clause, prev, prev_score = row
    return RankingRow(
        str(unit_id), str(code), str(name), str(category), str(period), Decimal(str(score)),
        int(str(rank)), int(str(size)), str(grade), str(clause),
        int(str(prev)) if prev is not None else None,
        Decimal(str(prev_score)) if prev_score is not None else None,
    )  # fmt: skip
