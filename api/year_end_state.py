"""Where a year's year-end workflow stands (三查三审一测评一公开, DOMAIN.md §6): the last
step reached and the next one allowed, every step taken with its actor and time, and the
objections raised during the announcement with their answers — from the year-end views,
as of a checkpoint.

A view across units (`UNIT_ROWS`): a unit user sees the office's and the leaders' steps,
its own self-check and its own objections; another unit's self-check or objection is
not shown, and of a spot check naming several units it sees that it was checked (its own
unit) without the findings, which are about the others too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

import strawberry
from strawberry.relay import Connection
from strawberry.scalars import JSON
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year
from api.pagination import PageAfter, PageSize, connection
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.view_reads import AsOfArgument, CheckpointType
from api.vocabulary import Role, canonical
from application.record_views import YearEndReading
from domain.year_end.steps import YearEndStep as Steps
from projections.year_end_view import ObjectionRow, StepRow

YearEndStep = canonical(
    StrEnum("YearEndSteps", [*((s.value, s.value) for s in Steps), ("amendment", "amendment")]),
    "YearEndStep",
    "A year-end step, in order: self_check 单位自查, centralized_review 集中会审, spot_check "
    "组织抽查, democratic_evaluation 民主测评, aggregate_score 汇总考核得分, ranking 分类排位, "
    "preliminary_review 分管领导初审, public_announcement 公开公示, committee_decision "
    "县委常委会审查决定, final (locked); amendment: a change after the lock, with its reason.",
)


@strawberry.type(name="YearEndStepTaken", description="A year-end step as it was taken.")
class StepType:
    position: int = strawberry.field(description="Its event's position in the log.")
    step: YearEndStep = strawberry.field(description="The step.")
    event: str = strawberry.field(
        description="Its event, e.g. `PreliminaryReviewReturned` (a review sent back)."
    )
    recorded_at: datetime = strawberry.field(description="When it was taken.")
    actor_id: str = strawberry.field(description="Who took it.")
    actor_role: Role = strawberry.field(description="In which role.")
    reason: str | None = strawberry.field(description="The reason given (a return, an amendment).")
    unit_ids: list[strawberry.ID] = strawberry.field(
        description="The units it is about (a self-check's unit, the units spot-checked)."
    )
    facts: JSON = strawberry.field(
        description="What it recorded: summary, findings, campaign_id, objections_until, "
        "basis, command (an amendment's)."
    )

    @classmethod
    def of(cls, row: StepRow) -> StepType:
        return cls(
            position=row.position,
            step=YearEndStep(row.step),
            event=row.event,
            recorded_at=datetime.fromisoformat(row.recorded_at),
            actor_id=row.actor_id,
            actor_role=Role(row.actor_role),
            reason=row.reason,
            unit_ids=[strawberry.ID(unit) for unit in row.unit_ids],
            facts=row.facts,
        )


@strawberry.type(name="Objection", description="An objection (异议) to the announced results.")
class ObjectionType:
    number: int = strawberry.field(description="Its number in the year, from 1.")
    unit_id: strawberry.ID = strawberry.field(description="The unit that raised it.")
    grounds: str = strawberry.field(description="Its grounds.")
    raised_at: datetime = strawberry.field(description="When it was raised.")
    raised_by: str = strawberry.field(description="The user who raised it.")
    upheld: bool | None = strawberry.field(description="Whether it was upheld; null: unanswered.")
    answer: str | None = strawberry.field(description="The office's answer.")
    answered_at: datetime | None = strawberry.field(description="When it was answered.")
    answered_by: str | None = strawberry.field(description="Who answered it.")

    @classmethod
    def of(cls, row: ObjectionRow) -> ObjectionType:
        answered = row.answered_at
        return cls(
            number=row.number,
            unit_id=strawberry.ID(row.unit_id),
            grounds=row.grounds,
            raised_at=datetime.fromisoformat(row.raised_at),
            raised_by=row.raised_by,
            upheld=row.upheld,
            answer=row.answer,
            answered_at=None if answered is None else datetime.fromisoformat(answered),
            answered_by=row.answered_by,
        )


@strawberry.type(name="YearEnd", description="A year's year-end workflow as it stands.")
class YearEndType:
    reached: YearEndStep | None = strawberry.field(
        description="The last step reached (null: none yet; self-checks may be under way)."
    )
    next_step: YearEndStep | None = strawberry.field(
        description="The next step allowed; null once final (only amendments then)."
    )
    december_closed: bool = strawberry.field(
        description="Whether December is closed: the workflow starts then."
    )
    self_checks: int = strawberry.field(description="How many enrolled units checked themselves.")
    enrolled_units: int = strawberry.field(description="How many units the year assesses.")
    objections_until: date | None = strawberry.field(
        description="The last day of the objection period, once the results are announced."
    )
    as_of: CheckpointType = strawberry.field(description="The checkpoint it was read at.")
    step_rows: strawberry.Private[list[StepRow]]
    objection_rows: strawberry.Private[list[ObjectionRow]]
    at: strawberry.Private[int]

    @strawberry.field(description="Every step taken, in order, with its actor and time.")
    def steps(
        self,
        first: PageSize = 100,
        after: PageAfter = None,
    ) -> Connection[StepType]:
        return connection(
            self.step_rows, kind="step", key=lambda row: row.position, node=StepType.of,
            first=first, after=after, checkpoint=self.at,
        )  # fmt: skip

    @strawberry.field(description="The objections raised, by number, with their answers.")
    def objections(
        self,
        first: PageSize = 100,
        after: PageAfter = None,
    ) -> Connection[ObjectionType]:
        return connection(
            self.objection_rows, kind="objection", key=lambda row: row.number,
            node=ObjectionType.of, first=first, after=after, checkpoint=self.at,
        )  # fmt: skip


async def year_end(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    as_of: AsOfArgument = None,
) -> YearEndType | None:
    unit = readable_unit(info.context.actor(), None)
    check_year(year)
    views = info.context.views
    at = await views.checkpoint(as_of)
    reading: YearEndReading = await views.run(
        info.context.application.year_end, year=year, as_of=at
    )
    state = reading.state
    if state is None:
        return None
    return YearEndType(
        reached=None if state.reached is None else YearEndStep(state.reached),
        next_step=None if state.next_step is None else YearEndStep(state.next_step),
        december_closed=state.december_closed,
        self_checks=state.self_checks,
        enrolled_units=state.enrolled,
        objections_until=(
            None if state.objections_until is None else date.fromisoformat(state.objections_until)
        ),
        as_of=CheckpointType(position=at.position),
        step_rows=_steps_for(reading.steps, unit),
        objection_rows=[o for o in reading.objections if unit is None or o.unit_id == str(unit)],
        at=at.position,
    )


def _steps_for(steps: list[StepRow], unit: UUID | None) -> list[StepRow]:
    """A unit user's share of the steps: those about no unit, or about its own (of a
    step about others too, only that its unit was named)."""
    if unit is None:
        return steps
    own = str(unit)
    shown = []
    for step in steps:
        if not step.unit_ids or step.unit_ids == (own,):
            shown.append(step)
        elif own in step.unit_ids:
            shown.append(replace(step, unit_ids=(own,), facts={}))
    return shown


QUERY_SCOPES["yearEnd"] = ReadScope.UNIT_ROWS


@strawberry.type
class YearEndQueries:
    year_end: YearEndType | None = strawberry.field(
        resolver=year_end,
        description="The year-end workflow of a year: steps taken, the next allowed, "
        "objections and answers (a unit user: the office's steps and its own unit's); null "
        "before the year is opened.",
    )
