"""Rankings (分类排位) per category and period: each unit's score, rank, grade and its
change since the previous period, and its ledger through the request's loader.

A unit user sees its own row only: where it stands (rank, and how many units are
ranked) without the other units' scores (DOMAIN.md §1: nothing of other units). The
office publishes the whole ranking (一公开) by its own channels; readers see it here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year
from api.ledgers import UnitLedgerType, load_ledger
from api.pagination import PageAfter, PageSize, check_first, cursor, edges_of, view_key_after
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.view_reads import AsOfArgument, ViewConnection, view_page
from api.vocabulary import Grade
from application.app import AssessmentApplication
from application.views import Checkpoint
from domain import errors
from domain.periods import Period
from projections.rankings import RankingRow


@strawberry.type(name="RankingRow", description="A unit's place in a category's ranking.")
class RankingRowType:
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    code: str = strawberry.field(description="Its code.")
    name: str = strawberry.field(description="Its name.")
    score: Decimal = strawberry.field(
        description="Its score as of the end of the period (cumulative)."
    )
    rank: int = strawberry.field(description="Its rank in the category, 1..size, no repeats.")
    size: int = strawberry.field(description="How many units the category ranks.")
    grade: Grade = strawberry.field(description="Its grade as the period stands.")
    grade_clause: str = strawberry.field(
        description="The rulebook band or override that set the grade."
    )
    previous_rank: int | None = strawberry.field(
        description="Its rank in the previous period of the kind; null for the first."
    )
    previous_score: Decimal | None = strawberry.field(
        description="Its score in the previous period of the kind; null for the first."
    )
    rank_change: int | None = strawberry.field(
        description="Places gained since the previous period (negative: fell)."
    )
    score_change: Decimal | None = strawberry.field(
        description="Points gained since the previous period."
    )
    year: strawberry.Private[int]
    at: strawberry.Private[Checkpoint]

    @strawberry.field(
        description="The unit's score ledger for the year, read at the ranking's checkpoint "
        "(its lines sum to the year's total, which is `score` in the year's ranking)."
    )
    async def ledger(self, info: Info[ApiContext, None]) -> UnitLedgerType | None:
        return await load_ledger(info, self.year, str(self.unit_id), self.at)

    @classmethod
    def of(cls, row: RankingRow, year: int, at: Checkpoint) -> RankingRowType:
        previous = row.previous_score
        return cls(
            unit_id=strawberry.ID(row.unit_id),
            code=row.code,
            name=row.name,
            score=row.score,
            rank=row.rank,
            size=row.size,
            grade=Grade(row.grade),
            grade_clause=row.grade_clause,
            previous_rank=row.previous_rank,
            previous_score=previous,
            rank_change=row.rank_change,
            score_change=None if previous is None else row.score - previous,
            year=year,
            at=at,
        )


@strawberry.type(description="A page of a category's ranking for a period, best first.")
class RankingConnection(ViewConnection[RankingRowType]):
    pass


async def ranking(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    period: Annotated[
        str, strawberry.argument(description="`2025-03`, `2025-Q1`, `2025-H1` or `2025`.")
    ],
    category: Annotated[str, strawberry.argument(description="The category, e.g. `town`.")],
    as_of: AsOfArgument = None,
    first: PageSize = 100,
    after: PageAfter = None,
) -> RankingConnection:
    unit = readable_unit(info.context.actor(), None)
    check_year(year)
    check_first(first)
    if Period.parse(period).year != year:
        raise errors.InvalidInput(f"a period of {year}", field="period")
    start = view_key_after("rank", after)
    views = info.context.views
    at = await views.checkpoint(as_of, pinned=start[0] if start else None)
    app = info.context.application
    rows = await views.run(
        app.ranking, rows_read=app.ranking_rows(year=year, period=period, category=category),
        year=year, period=period, category=category, as_of=at,
        after_rank=start[1] if start else 0, limit=first + 1, unit_id=unit,
    )  # fmt: skip
    if not rows and start is None:
        await views.run(_check_category, app=info.context.application, year=year, category=category)
    page = edges_of(
        rows[:first],
        cursor_of=lambda row: cursor("rank", row.rank, at.position),
        node=lambda row: RankingRowType.of(row, year, at),
        has_next=len(rows) > first,
        has_previous=start is not None,
    )
    return view_page(RankingConnection, page, at)


def _check_category(app: AssessmentApplication, year: int, category: str) -> None:
    """An empty ranking is either a period not yet started or a wrong question."""
    categories = app.rulebook_of(app.year(year)).category_keys()
    if category not in categories:
        raise errors.InvalidInput(
            f"the year ranks {', '.join(sorted(categories))}, not '{category}'", field="category"
        )


QUERY_SCOPES["ranking"] = ReadScope.UNIT_ROWS


@strawberry.type
class RankingQueries:
    ranking: RankingConnection = strawberry.field(
        resolver=ranking,
        description="A category's ranking for a period, best first (a unit user: its own "
        "row only); each row's ledger is read for the whole page at once.",
    )
