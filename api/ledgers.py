"""The score ledger (台账) of a unit: its total, rank, grade and every line behind them,
each with its points, the rulebook clause applied and the events it came from.

Read from the views through the request's loaders (api/view_reads.py): the results of
every row of a ranking page are one read, their lines another, made only when lines are
asked for; `unitLedger` uses the same loaders.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, get_args

import strawberry
from strawberry.relay import Connection
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year, uuid_of
from api.pagination import PageAfter, PageSize, check_first, connection
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.view_reads import AsOfArgument, CheckpointType
from api.vocabulary import Grade, canonical
from application.views import Checkpoint
from domain.scoring.result import LineKind as LineKinds
from projections.ledger import LedgerLine, UnitResultRow

LineKind = canonical(
    StrEnum("LineKinds", [(kind, kind) for kind in get_args(LineKinds)]),
    "LineKind",
    "What a ledger line scores: target (completion), bonus, bonus_cap (holds bonuses at "
    "the cap), red_flag (流动红旗), sanction, deduction_notice (日常督考通知单), "
    "late_report, missing_report.",
)


@strawberry.type(
    name="LedgerLine",
    description="A line of a unit's ledger: points, the rule applied, the events behind it.",
)
class LedgerLineType:
    key: str = strawberry.field(
        description="The line's key, kept while other lines come and go (`target:<id>`, "
        "`bonus:<event id>`)."
    )
    ordinal: int = strawberry.field(description="Its place in the ledger, from 1.")
    kind: LineKind = strawberry.field(description="What it scores.")
    points: Decimal = strawberry.field(description="Points, signed (a deduction is negative).")
    clause_id: str = strawberry.field(description="The rulebook clause that scored it.")
    detail: str = strawberry.field(description="The arithmetic in words.")
    target_id: strawberry.ID | None = strawberry.field(
        description="The target it scores, for target lines and lines about one target."
    )
    event_ids: list[str] = strawberry.field(
        description="The events behind it, each `<aggregate id>@<version>` "
        "(`auditTrail` and `eventLog` show them)."
    )

    @classmethod
    def of(cls, line: LedgerLine) -> LedgerLineType:
        return cls(
            key=line.line_key,
            ordinal=line.ordinal,
            kind=LineKind(line.kind),
            points=line.points,
            clause_id=line.clause_id,
            detail=line.detail,
            target_id=strawberry.ID(line.target_id) if line.target_id else None,
            event_ids=list(line.event_ids),
        )


@strawberry.type(name="UnitLedger", description="A unit's score ledger (台账) for the year.")
class UnitLedgerType:
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    code: str = strawberry.field(description="Its code.")
    name: str = strawberry.field(description="Its name.")
    category: str = strawberry.field(description="The category it is ranked in.")
    total: Decimal = strawberry.field(description="Its score: exactly the sum of its lines.")
    rank: int = strawberry.field(description="Its rank in the category for the year.")
    grade: Grade = strawberry.field(description="Its grade for the year.")
    grade_clause: str = strawberry.field(
        description="The rulebook band or override that set the grade."
    )
    awards_allowed: bool = strawberry.field(
        description="Whether it may receive awards (false under a veto, 一票否决)."
    )
    consequences: list[str] = strawberry.field(
        description="Clause ids of consequences across years (e.g. bottom three two years running)."
    )
    as_of: CheckpointType = strawberry.field(description="The checkpoint it was read at.")
    year: strawberry.Private[int]
    at: strawberry.Private[Checkpoint]

    @strawberry.field(description="Its lines in ledger order: they sum to `total` exactly.")
    async def lines(
        self,
        info: Info[ApiContext, None],
        first: PageSize = 100,
        after: PageAfter = None,
    ) -> Connection[LedgerLineType]:
        check_first(first)
        found = await info.context.views.lines(self.year, self.at).load(str(self.unit_id))
        return connection(
            found,
            kind="line",
            key=lambda line: line.ordinal,
            node=LedgerLineType.of,
            first=first,
            after=after,
            checkpoint=self.at.position,
        )

    @classmethod
    def of(cls, ledger: UnitResultRow, year: int, at: Checkpoint) -> UnitLedgerType:
        return cls(
            unit_id=strawberry.ID(ledger.unit_id),
            code=ledger.code,
            name=ledger.name,
            category=ledger.category,
            total=ledger.total,
            rank=ledger.rank,
            grade=Grade(ledger.grade),
            grade_clause=ledger.grade_clause,
            awards_allowed=ledger.awards_allowed,
            consequences=list(ledger.consequences),
            as_of=CheckpointType(position=at.position),
            year=year,
            at=at,
        )


async def load_ledger(
    info: Info[ApiContext, None], year: int, unit_id: str, at: Checkpoint
) -> UnitLedgerType | None:
    """A unit's ledger through the request's loader, after its read scope is checked."""
    require_reader(info.context.actor(), ReadScope.UNIT, uuid_of(unit_id, "unitId"))
    found = await info.context.views.ledgers(year, at).load(unit_id)
    return UnitLedgerType.of(found, year, at) if found else None


async def unit_ledger(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit.")],
    as_of: AsOfArgument = None,
) -> UnitLedgerType | None:
    unit = uuid_of(unit_id, "unitId")
    require_reader(info.context.actor(), ReadScope.UNIT, unit)
    check_year(year)
    at = await info.context.views.checkpoint(as_of)
    return await load_ledger(info, year, str(unit), at)


QUERY_SCOPES["unitLedger"] = ReadScope.UNIT


@strawberry.type
class LedgerQueries:
    unit_ledger: UnitLedgerType | None = strawberry.field(
        resolver=unit_ledger,
        description="A unit's score ledger for the year (a unit user: only its own); null "
        "before the unit has a result.",
    )
