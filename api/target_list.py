"""One unit's targets of a year, read from its target list by id (one aggregate from the
application's cache, never a loop over aggregates), a page at a time.

This serves what the list itself holds: each target's spec, status and where it stands
in the four-level review; its review history and reports across months are its audit
trail (`history`, api/audit.py), read for a whole page of targets at once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.relay import Connection
from strawberry.types import Info

from api.aggregates import cached
from api.audit import AuditEntryType, target_history
from api.context import ApiContext
from api.inputs import uuid_of
from api.mutation import ident
from api.pagination import PageAfter, PageSize, connection
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.vocabulary import (
    ReviewLevel,
    ScoringMode,
    TargetClass,
    TargetKind,
    TargetStatusKind,
    api_value,
)
from domain.ids import target_list_id, year_id
from domain.targets.spec import Quantitative
from domain.targets.target import Target
from domain.targets.target_list import TargetList


@strawberry.type(name="Target", description="A target (目标/指标) of one unit in one year.")
class TargetType:
    id: strawberry.ID = strawberry.field(description="The target's id.")
    number: int = strawberry.field(description="Its number in the unit's list, from 1.")
    title: str = strawberry.field(description="Its title.")
    kind: TargetKind = strawberry.field(description="common or individual.")
    target_class: TargetClass = strawberry.field(description="key, regular or adjustment.")
    group: str = strawberry.field(description="Its group, e.g. `economic_development`.")
    weight: Decimal = strawberry.field(description="Points it weighs.")
    scoring_mode: ScoringMode = strawberry.field(description="zero_base or continuous.")
    quantitative: bool = strawberry.field(
        description="Measured by a number (else by milestones a reviewer checks)."
    )
    status: TargetStatusKind = strawberry.field(description="Where it stands.")
    awaiting: ReviewLevel | None = strawberry.field(
        description="The review level it waits for; null unless proposed."
    )
    dynamic: bool = strawberry.field(description="Added mid-year by the office (动态指标).")
    approved_at: datetime | None = strawberry.field(description="When it was approved.")
    score: Decimal | None = strawberry.field(description="A reviewer's score, if scored.")
    score_out_of: Decimal | None = strawberry.field(description="The scale of that score.")

    @strawberry.field(
        description="Its audit trail in log order: proposal, each review level's decision, "
        "reports and their verification, revisions."
    )
    async def history(
        self,
        info: Info[ApiContext, None],
        first: PageSize = 20,
        after: PageAfter = None,
    ) -> Connection[AuditEntryType]:
        return await target_history(info, str(self.id), first, after)

    @classmethod
    def of(cls, target: Target) -> TargetType:
        spec = target.spec
        return cls(
            id=ident(target.id),
            number=target.number,
            title=spec.title,
            kind=api_value(TargetKind, spec.kind),
            target_class=api_value(TargetClass, spec.target_class),
            group=spec.group,
            weight=spec.weight,
            scoring_mode=api_value(ScoringMode, spec.scoring_mode),
            quantitative=isinstance(spec.measure, Quantitative),
            status=api_value(TargetStatusKind, target.status),
            awaiting=api_value(ReviewLevel, target.awaiting) if target.awaiting else None,
            dynamic=target.dynamic,
            approved_at=target.approved_at,
            score=target.score,
            score_out_of=target.score_out_of,
        )


def targets(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit.")],
    first: PageSize = 20,
    after: PageAfter = None,
) -> Connection[TargetType]:
    unit = uuid_of(unit_id, "unitId")
    require_reader(info.context.actor(), ReadScope.UNIT, unit)
    app = info.context.application
    list_id = target_list_id(year_id(app.jurisdiction, year), unit)
    target_list = cached(app, TargetList, list_id)
    found = sorted(target_list.targets.values(), key=lambda t: t.number) if target_list else []
    return connection(
        found, kind="target", key=lambda t: t.number, node=TargetType.of, first=first, after=after
    )


QUERY_SCOPES["targets"] = ReadScope.UNIT


@strawberry.type
class TargetQueries:
    targets: Connection[TargetType] = strawberry.field(
        resolver=targets,
        description="A unit's targets in a year, by number (a unit user: only its own).",
    )
