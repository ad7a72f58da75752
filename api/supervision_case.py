"""A supervision case (督办事项) by id, as the supervision ledger shows it at the
checkpoint: its state, deadline, the computed overdue and missed-progress facts, its
notices and its history (the case's audit trail). A unit user reads a case its unit
leads; another unit's case is FORBIDDEN."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.relay import Connection
from strawberry.types import Info

from api.audit import AuditEntryType
from api.context import ApiContext
from api.inputs import uuid_of
from api.pagination import PageAfter, PageSize, check_first, cursor, edges_of, key_after
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.view_reads import AsOfArgument
from api.vocabulary import AttentionLevel, CaseSourceKind, canonical
from application.views import Checkpoint
from domain import errors
from domain.supervision.states import CaseState as CaseStates
from projections.audit_trail import AuditEntry
from projections.supervision_ledger import CaseRow

CaseState = canonical(
    CaseStates,
    "CaseState",
    "Where a case stands in its machine: opened 立项, assigned 交办, committed 承诺, "
    "in_progress, rectified 整改报告, verified 核查, closed 销号, escalated 问责建议.",
)
MAX_NOTICES = 1000  # the audit trail's largest page: far more notices than a case gets


@strawberry.enum(description="A case's status on the ledger.")
class CaseStatus(Enum):
    open = "open"
    overdue = "overdue"  # past its deadline and not settled
    escalated = "escalated"
    closed = "closed"


@strawberry.type(
    name="SupervisionCase",
    description="A supervision case (督办事项) as the ledger shows it at the checkpoint.",
)
class SupervisionCaseType:
    case_id: strawberry.ID = strawberry.field(description="The case.")
    unit_id: strawberry.ID = strawberry.field(description="Its lead unit.")
    attention_level: AttentionLevel = strawberry.field(description="Its attention level.")
    state: CaseState = strawberry.field(description="Its state in the case machine.")
    status: CaseStatus = strawberry.field(description="open, overdue, escalated or closed.")
    source: CaseSourceKind = strawberry.field(description="Where the matter came from.")
    title: str = strawberry.field(description="The matter, in a line.")
    deadline: date = strawberry.field(description="The day it is due.")
    overdue: bool = strawberry.field(
        description="Past its deadline and not settled (computed, never typed in)."
    )
    overdue_days: int = strawberry.field(
        description="Begun days past the deadline, up to now or to its settlement (computed)."
    )
    missed_reports: int = strawberry.field(
        description="Progress reports due and not made, by its level's interval (computed)."
    )
    notices_issued: int = strawberry.field(description="How many notices it was issued.")
    target_id: strawberry.ID | None = strawberry.field(description="The target it concerns.")
    opened_at: str = strawberry.field(description="When it was opened (ISO 8601).")
    ended_at: str | None = strawberry.field(description="When it was closed or escalated.")
    at: strawberry.Private[Checkpoint]

    @strawberry.field(description="Its notices (督办单, deadline notices) in the order issued.")
    async def notices(self, info: Info[ApiContext, None]) -> list[CaseNoticeType]:
        entries = await _trail(info, str(self.case_id), self.at, after=0, first=MAX_NOTICES)
        return [CaseNoticeType.of(e) for e in entries if e.event == "NoticeIssued"]

    @strawberry.field(
        description="Its history: every event of the case in log order (its audit trail), "
        "up to the checkpoint."
    )
    async def history(
        self,
        info: Info[ApiContext, None],
        first: PageSize = 50,
        after: PageAfter = None,
    ) -> Connection[AuditEntryType]:
        check_first(first)
        start = key_after("event", after)
        rows = await _trail(info, str(self.case_id), self.at, after=start or 0, first=first + 1)
        return edges_of(
            rows[:first],
            cursor_of=lambda entry: cursor("event", entry.position),
            node=AuditEntryType.of,
            has_next=len(rows) > first,
            has_previous=start is not None,
        )

    @classmethod
    def of(cls, row: CaseRow, at: Checkpoint) -> SupervisionCaseType:
        return cls(
            case_id=strawberry.ID(row.case_id),
            unit_id=strawberry.ID(row.unit_id),
            attention_level=AttentionLevel(row.level),
            state=CaseState(row.state),
            status=CaseStatus(row.status),
            source=CaseSourceKind(row.source),
            title=row.title,
            deadline=row.deadline,
            overdue=row.status == "overdue",
            overdue_days=row.overdue_days,
            missed_reports=row.missed_reports,
            notices_issued=row.notices,
            target_id=None if row.target_id is None else strawberry.ID(row.target_id),
            opened_at=row.opened_at,
            ended_at=row.ended_at,
            at=at,
        )


@strawberry.type(name="CaseNotice", description="A notice issued on a case.")
class CaseNoticeType:
    number: int = strawberry.field(description="Its number on the case, from 1.")
    colour: str = strawberry.field(description="red, yellow, blue or deadline.")
    text: str = strawberry.field(description="Its text.")
    complete_by: date | None = strawberry.field(description="A deadline notice's date.")
    issued_at: str = strawberry.field(description="When it was issued (ISO 8601).")
    issued_by: str = strawberry.field(description="The user who issued it.")

    @classmethod
    def of(cls, entry: AuditEntry) -> CaseNoticeType:
        facts, until = entry.facts, entry.facts.get("complete_by")
        return cls(
            number=int(facts["number"]),
            colour=str(facts["colour"]),
            text=str(facts["text"]),
            complete_by=None if until is None else date.fromisoformat(str(until)),
            issued_at=entry.recorded_at,
            issued_by=entry.actor_id,
        )


async def supervision_case(
    info: Info[ApiContext, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="The case's id.")],
    as_of: AsOfArgument = None,
) -> SupervisionCaseType | None:
    unit = readable_unit(info.context.actor(), None)
    case_id = uuid_of(id, "id")
    views = info.context.views
    at = await views.checkpoint(as_of)
    row = await views.run(info.context.application.supervision_case, case_id=case_id, as_of=at)
    if row is None:
        return None
    if unit is not None and row.unit_id != str(unit):
        raise errors.Forbidden("a unit user may read only the cases its unit leads", field="id")
    return SupervisionCaseType.of(row, at)


async def _trail(
    info: Info[ApiContext, None], case_id: str, at: Checkpoint, *, after: int, first: int
) -> list[AuditEntry]:
    unit = readable_unit(info.context.actor(), None)
    return await info.context.views.run(
        info.context.application.audit_trail, subject="case_id", value=case_id, after=after,
        first=first, upto=at.position, unit_id=unit,
    )  # fmt: skip


QUERY_SCOPES["supervisionCase"] = ReadScope.UNIT_ROWS


@strawberry.type
class SupervisionCaseQueries:
    supervision_case: SupervisionCaseType | None = strawberry.field(
        resolver=supervision_case,
        description="A supervision case by id with its notices and history; null if there "
        "is none (a unit user: only a case its unit leads).",
    )
