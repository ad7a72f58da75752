"""The supervision ledger (督办台账, issue 7 point 3): every case of a year with its
state, deadline, days overdue and progress reports missed — computed by the projection
as of the checkpoint, never typed in — and the counts of open, overdue, escalated and
closed cases per lead unit and attention level. A case by id is api/supervision_case.py.

A unit user reads its own unit's cases only (the cases it leads): its rows and counts.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.relay import Edge
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year, optional_uuid
from api.pagination import PageAfter, PageSize
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.supervision_case import CaseStatus, SupervisionCaseType
from api.view_reads import AsOfArgument, CheckpointType, ViewConnection
from api.vocabulary import AttentionLevel
from projections.supervision_ledger import CaseCount


@strawberry.type(
    name="SupervisionCount",
    description="One lead unit's cases at one attention level, by status.",
)
class SupervisionCountType:
    unit_id: strawberry.ID = strawberry.field(description="The lead unit.")
    attention_level: AttentionLevel = strawberry.field(description="The attention level.")
    open: int = strawberry.field(description="Cases open and within their deadline.")
    overdue: int = strawberry.field(description="Cases past their deadline, not settled.")
    escalated: int = strawberry.field(description="Cases escalated (追责建议).")
    closed: int = strawberry.field(description="Cases struck off (销号).")

    @classmethod
    def of(cls, count: CaseCount) -> SupervisionCountType:
        return cls(
            unit_id=strawberry.ID(count.unit_id),
            attention_level=AttentionLevel(count.level),
            open=count.open,
            overdue=count.overdue,
            escalated=count.escalated,
            closed=count.closed,
        )


@strawberry.type(
    description="A page of the supervision ledger: by lead unit, the overdue first, then by "
    "deadline; with the counts per unit and level at the same checkpoint."
)
class SupervisionLedgerConnection(ViewConnection[SupervisionCaseType]):
    counts: list[SupervisionCountType] = strawberry.field(
        description="Open, overdue, escalated and closed cases per lead unit and attention "
        "level (of the unit and level asked for, when given)."
    )


async def supervision_ledger(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="One lead unit's cases; every unit's when null."),
    ] = None,
    attention_level: Annotated[
        AttentionLevel | None, strawberry.argument(description="One level's cases only.")
    ] = None,
    status: Annotated[
        CaseStatus | None, strawberry.argument(description="One status's cases only.")
    ] = None,
    as_of: AsOfArgument = None,
    first: PageSize = 100,
    after: PageAfter = None,
) -> SupervisionLedgerConnection:
    unit = readable_unit(info.context.actor(), optional_uuid(unit_id, "unitId"))
    check_year(year)
    level = None if attention_level is None else attention_level.value
    views, app = info.context.views, info.context.application
    page, at = await views.numbered(
        app.supervision_ledger, kind="case", node=lambda row: row,
        as_of=as_of, first=first, after=after, year=year, unit_id=unit, level=level,
        status=None if status is None else status.value,
    )  # fmt: skip
    counts = await views.run(app.supervision_counts, year=year, as_of=at)
    shown = [
        SupervisionCountType.of(count)
        for count in counts
        if (unit is None or count.unit_id == str(unit)) and level in (None, count.level)
    ]
    return SupervisionLedgerConnection(
        edges=[Edge(node=SupervisionCaseType.of(e.node, at), cursor=e.cursor) for e in page.edges],
        page_info=page.page_info,
        as_of=CheckpointType(position=at.position),
        counts=shown,
    )


QUERY_SCOPES["supervisionLedger"] = ReadScope.UNIT_ROWS


@strawberry.type
class SupervisionLedgerQueries:
    supervision_ledger: SupervisionLedgerConnection = strawberry.field(
        resolver=supervision_ledger,
        description="The supervision ledger (督办台账) of a year, with counts per lead unit "
        "and attention level (a unit user: its own unit's cases only).",
    )
