"""The warning board (动态预警): the targets behind their monthly schedule in a month,
worst first, with the level and who must be reminded at it (the rulebook's)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year, optional_uuid
from api.pagination import PageAfter, PageSize
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.view_reads import AsOfArgument, ViewConnection, view_page
from api.vocabulary import WarningLevel
from domain import errors
from domain.periods import Period, PeriodKind
from projections.warning_board import WarningRow


@strawberry.type(name="Warning", description="A target behind its monthly schedule (预警).")
class WarningType:
    target_id: strawberry.ID = strawberry.field(description="The target.")
    unit_id: strawberry.ID = strawberry.field(description="Its unit.")
    month: str = strawberry.field(description="The month, `YYYY-MM`.")
    level: WarningLevel = strawberry.field(description="bell, yellow or red.")
    lag: Decimal = strawberry.field(
        description="The share of the month's scheduled progress not reached (0–1)."
    )
    remind: list[str] = strawberry.field(
        description="Who must be reminded at this level: filler, leader_in_charge, main_leader."
    )
    clause_id: str = strawberry.field(description="The rulebook's warning clause.")

    @classmethod
    def of(cls, row: WarningRow) -> WarningType:
        return cls(
            target_id=strawberry.ID(row.target_id),
            unit_id=strawberry.ID(row.unit_id),
            month=row.month,
            level=WarningLevel(row.level),
            lag=row.lag,
            remind=list(row.remind),
            clause_id=row.clause_id,
        )


@strawberry.type(description="A page of a month's warning board, worst first.")
class WarningConnection(ViewConnection[WarningType]):
    pass


async def warning_board(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    month: Annotated[str, strawberry.argument(description="The month, `YYYY-MM`.")],
    unit_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="One unit's warnings; every unit's when null."),
    ] = None,
    as_of: AsOfArgument = None,
    first: PageSize = 100,
    after: PageAfter = None,
) -> WarningConnection:
    unit = readable_unit(info.context.actor(), optional_uuid(unit_id, "unitId"))
    check_year(year)
    parsed = Period.parse(month, field="month")
    if parsed.kind is not PeriodKind.MONTH or parsed.year != year:
        raise errors.InvalidInput(f"a month of {year}, e.g. {year}-03", field="month")
    page, at = await info.context.views.numbered(
        info.context.application.warning_board, kind="warning", node=WarningType.of, as_of=as_of,
        first=first, after=after, year=year, month=month, unit_id=unit,
    )  # fmt: skip
    return view_page(WarningConnection, page, at)


QUERY_SCOPES["warningBoard"] = ReadScope.UNIT_ROWS


@strawberry.type
class WarningBoardQueries:
    warning_board: WarningConnection = strawberry.field(
        resolver=warning_board,
        description="The targets behind schedule in a month, worst first (a unit user: its "
        "own unit's only).",
    )
