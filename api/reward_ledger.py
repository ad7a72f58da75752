"""The reward ledger: each unit's cash rewards, one per red flag (流动红旗), paid or
withheld because an override took the unit's awards (一票否决)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year, optional_uuid
from api.pagination import PageAfter, PageSize
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.view_reads import AsOfArgument, ViewConnection, view_page
from api.vocabulary import canonical
from projections.reward_ledger import RewardRow

RewardStatus = canonical(
    StrEnum("RewardStatuses", [("paid", "paid"), ("withheld", "withheld")]),
    "RewardStatus",
    "paid, or withheld because an override took the unit's awards.",
)


@strawberry.type(name="Reward", description="A cash reward of a unit, for one red flag.")
class RewardType:
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    code: str = strawberry.field(description="Its code.")
    name: str = strawberry.field(description="Its name.")
    event_id: str = strawberry.field(
        description="The red flag's award, `<aggregate id>@<version>`."
    )
    month: int = strawberry.field(description="The month of the red flag (1–12).")
    amount: Decimal = strawberry.field(description="The cash amount, as the rulebook sets it.")
    clause_id: str = strawberry.field(description="The rulebook's red-flag clause.")
    status: RewardStatus = strawberry.field(description="paid or withheld.")
    status_clause: str = strawberry.field(
        description="The clause that decided the status (the override, when withheld)."
    )

    @classmethod
    def of(cls, row: RewardRow) -> RewardType:
        return cls(
            unit_id=strawberry.ID(row.unit_id),
            code=row.code,
            name=row.name,
            event_id=row.event_ref,
            month=row.month,
            amount=row.amount,
            clause_id=row.clause_id,
            status=RewardStatus(row.status),
            status_clause=row.status_clause,
        )


@strawberry.type(description="A page of the reward ledger, by month and unit code.")
class RewardConnection(ViewConnection[RewardType]):
    pass


async def reward_ledger(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="One unit's rewards; every unit's when null."),
    ] = None,
    as_of: AsOfArgument = None,
    first: PageSize = 100,
    after: PageAfter = None,
) -> RewardConnection:
    unit = readable_unit(info.context.actor(), optional_uuid(unit_id, "unitId"))
    check_year(year)
    page, at = await info.context.views.numbered(
        info.context.application.reward_ledger, kind="reward", node=RewardType.of, as_of=as_of,
        first=first, after=after, year=year, unit_id=unit,
    )  # fmt: skip
    return view_page(RewardConnection, page, at)


QUERY_SCOPES["rewardLedger"] = ReadScope.UNIT_ROWS


@strawberry.type
class RewardLedgerQueries:
    reward_ledger: RewardConnection = strawberry.field(
        resolver=reward_ledger,
        description="Cash rewards by month and unit (a unit user: its own only).",
    )
