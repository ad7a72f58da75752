"""The audit trail: every event about a unit, a target, a supervision case or an actor,
in log order, with who, in which role and unit, when, why, about which period, the
request that caused it, the evidence files and the event's own facts.

A target's review history and its reports across months are its trail (`Target.history`,
one read for a page of targets). The log is append-only, so a trail as of a checkpoint
is its events up to it, and its cursor is the log position.

A unit user reads only the events about its own unit, whatever the subject: another
unit's trail is FORBIDDEN, another unit's target or case shows nothing.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.relay import Connection
from strawberry.scalars import JSON
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import uuid_of
from api.pagination import PageAfter, PageSize, check_first, cursor, edges_of, key_after
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.progress_reports import EvidenceType
from api.view_reads import AsOfInput, ViewConnection, view_page
from api.vocabulary import Role
from projections.audit_trail import AuditEntry


@strawberry.enum(description="What an audit trail is about.")
class AuditSubject(Enum):
    unit = "unit_id"
    target = "target_id"
    case = "case_id"
    actor = "actor_id"


@strawberry.type(name="AuditEntry", description="One event of a trail, with who, when and why.")
class AuditEntryType:
    position: int = strawberry.field(description="Its position in the log.")
    event_id: str = strawberry.field(description="The event, `<aggregate id>@<version>`.")
    event: str = strawberry.field(description="Its type, e.g. `TargetApproved`.")
    aggregate: str = strawberry.field(description="What it changed, e.g. `TargetList`.")
    recorded_at: datetime = strawberry.field(description="When it was written.")
    actor_id: str = strawberry.field(description="The user who caused it.")
    actor_role: Role = strawberry.field(description="The role they acted in.")
    acting_unit: strawberry.ID | None = strawberry.field(
        description="The unit they acted for (a unit user's own)."
    )
    reason: str | None = strawberry.field(description="The reason or basis given, if any.")
    effective_period: str | None = strawberry.field(
        description="The period it is about, when that differs from when it was written."
    )
    correlation_id: str | None = strawberry.field(description="The request that caused it.")
    unit_id: strawberry.ID | None = strawberry.field(description="The unit it is about.")
    target_id: strawberry.ID | None = strawberry.field(description="The target it is about.")
    case_id: strawberry.ID | None = strawberry.field(description="The case it is about.")
    evidence: list[EvidenceType] = strawberry.field(description="The files it names.")
    facts: JSON = strawberry.field(
        description="The event's own facts as it recorded them (JSON; no derived points)."
    )

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryType:
        return cls(
            position=entry.position,
            event_id=entry.event_ref,
            event=entry.event,
            aggregate=entry.aggregate,
            recorded_at=datetime.fromisoformat(entry.recorded_at),
            actor_id=entry.actor_id,
            actor_role=Role(entry.actor_role),
            acting_unit=_id(entry.acting_unit),
            reason=entry.reason,
            effective_period=entry.effective_period,
            correlation_id=entry.correlation_id,
            unit_id=_id(entry.unit_id),
            target_id=_id(entry.target_id),
            case_id=_id(entry.case_id),
            evidence=[_evidence(file) for file in entry.evidence],
            facts=entry.facts,
        )


@strawberry.type(description="A page of an audit trail, in log order.")
class AuditTrailConnection(ViewConnection[AuditEntryType]):
    pass


async def audit_trail(
    info: Info[ApiContext, None],
    *,
    subject: Annotated[AuditSubject, strawberry.argument(description="What the trail is of.")],
    id: Annotated[
        strawberry.ID,
        strawberry.argument(description="The unit's, target's or case's id, or the user id."),
    ],
    as_of: Annotated[
        AsOfInput | None, strawberry.argument(description="Up to a past point; now if null.")
    ] = None,
    first: PageSize = 50,
    after: PageAfter = None,
) -> AuditTrailConnection:
    value = str(id) if subject is AuditSubject.actor else str(uuid_of(id, "id"))
    asked = UUID(value) if subject is AuditSubject.unit else None
    unit = readable_unit(info.context.actor(), asked, field="id")
    check_first(first)
    start = key_after("event", after)
    views = info.context.views
    at = await views.checkpoint(as_of)
    rows = await views.run(
        info.context.application.audit_trail, subject=subject.value, value=value,
        after=start or 0, first=first + 1, upto=at.position, unit_id=unit,
    )  # fmt: skip
    page = _page(rows, first, has_previous=start is not None)
    return view_page(AuditTrailConnection, page, at)


async def target_history(
    info: Info[ApiContext, None], target_id: str, first: int, after: str | None
) -> Connection[AuditEntryType]:
    """A target's trail: its proposal, each review level's decision, its reports and
    their verification, revisions. The first page of every target asked for in one
    request is one read."""
    unit = readable_unit(info.context.actor(), None)
    check_first(first)
    start = key_after("event", after)
    views = info.context.views
    if start is None:
        rows = await views.histories(first + 1, unit).load(target_id)
    else:
        rows = await views.run(
            info.context.application.audit_trail, subject="target_id", value=target_id,
            after=start, first=first + 1, unit_id=unit,
        )  # fmt: skip
    return _page(rows, first, has_previous=start is not None)


def _page(rows: list[AuditEntry], first: int, *, has_previous: bool) -> Connection[Any]:
    return edges_of(
        rows[:first],
        cursor_of=lambda entry: cursor("event", entry.position),
        node=AuditEntryType.of,
        has_next=len(rows) > first,
        has_previous=has_previous,
    )


def _id(value: str | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(value)


def _evidence(file: dict[str, Any]) -> EvidenceType:
    return EvidenceType(
        file_name=str(file["file_name"]),
        media_type=str(file["media_type"]),
        sha256=str(file["sha256"]),
        size=int(file["size"]),
    )


QUERY_SCOPES["auditTrail"] = ReadScope.UNIT_ROWS


@strawberry.type
class AuditQueries:
    audit_trail: AuditTrailConnection = strawberry.field(
        resolver=audit_trail,
        description="Every event about a unit, target, case or actor, in log order (a unit "
        "user: only those about its own unit).",
    )
