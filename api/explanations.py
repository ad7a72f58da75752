"""`explainScore`: the inspector's trace of a unit's score (issue 8 point 5), as
application/explanations.py gives it: every line with its points, the rulebook clause
that scored it (its text and its source in the seeds) and the events behind it (who, in
which role, when, why, with which evidence); the rank and the grade with the band or
override that set it. Nothing is scored here.

Readers only (`ALL_UNITS`): the events behind a line include other units' acts (the
evaluators' ballots of an evaluation line), and a unit sees nothing of other units; a
unit user has its own `unitLedger`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year, uuid_of
from api.ledgers import LineKind
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.progress_reports import EvidenceType
from api.view_reads import AsOfArgument, CheckpointType
from api.vocabulary import Grade, Role
from application.explanations import ClauseText, EventTrace, LineTrace, ScoreExplanation
from domain.reports.evidence import Evidence


@strawberry.type(name="Clause", description="A rulebook clause, with its source in the seeds.")
class ClauseType:
    id: str = strawberry.field(description="The clause's id in the rulebook.")
    text: str = strawberry.field(description="What the clause says.")
    seed: str = strawberry.field(description="The source document it comes from.")
    article: str = strawberry.field(description="The article of that document.")

    @classmethod
    def of(cls, clause: ClauseText | None) -> ClauseType | None:
        if clause is None:
            return None
        return cls(id=clause.id, text=clause.text, seed=clause.seed, article=clause.article)


@strawberry.type(name="TracedEvent", description="An event behind a score line.")
class TracedEventType:
    position: int = strawberry.field(
        description="Its notification id: ask `inclusionProof` for it."
    )
    event_id: str = strawberry.field(description="The event, `<aggregate id>@<version>`.")
    event: str = strawberry.field(description="Its type, e.g. `ProgressVerified`.")
    aggregate: str = strawberry.field(description="What it changed, e.g. `TargetList`.")
    recorded_at: datetime = strawberry.field(description="When it was written.")
    actor_id: str = strawberry.field(description="The user who caused it.")
    actor_role: Role = strawberry.field(description="The role they acted in.")
    acting_unit: strawberry.ID | None = strawberry.field(description="The unit they acted for.")
    reason: str | None = strawberry.field(description="The reason or basis given, if any.")
    effective_period: str | None = strawberry.field(
        description="The period it is about, when that differs from when it was written."
    )
    evidence: list[EvidenceType] = strawberry.field(
        description="The files it names, each with its sha256."
    )

    @classmethod
    def of(cls, event: EventTrace) -> TracedEventType:
        return cls(
            position=event.position,
            event_id=event.event_ref,
            event=event.event,
            aggregate=event.aggregate,
            recorded_at=datetime.fromisoformat(event.recorded_at),
            actor_id=event.actor_id,
            actor_role=Role(event.actor_role),
            acting_unit=strawberry.ID(event.acting_unit) if event.acting_unit else None,
            reason=event.reason,
            effective_period=event.effective_period,
            evidence=[EvidenceType.of(Evidence.model_validate(f)) for f in event.evidence],
        )


@strawberry.type(name="ExplainedLine", description="A score line and everything behind it.")
class ExplainedLineType:
    key: str = strawberry.field(description="The line's key in the ledger (`target:<id>`).")
    kind: LineKind = strawberry.field(description="What it scores.")
    points: Decimal = strawberry.field(description="Points, signed.")
    detail: str = strawberry.field(description="The arithmetic in words.")
    clause: ClauseType | None = strawberry.field(description="The clause that scored it.")
    events: list[TracedEventType] = strawberry.field(description="The events behind it.")

    @classmethod
    def of(cls, line: LineTrace) -> ExplainedLineType:
        return cls(
            key=line.line_key,
            kind=LineKind(line.kind),
            points=line.points,
            detail=line.detail,
            clause=ClauseType.of(line.clause),
            events=[TracedEventType.of(event) for event in line.events],
        )


@strawberry.type(
    name="ScoreExplanation",
    description="Why a unit has its score, rank and grade: every line with its clause and events.",
)
class ScoreExplanationType:
    year: int = strawberry.field(description="The assessment year.")
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    code: str = strawberry.field(description="Its code.")
    name: str = strawberry.field(description="Its name.")
    category: str = strawberry.field(description="The category it is ranked in.")
    total: Decimal = strawberry.field(description="Its score: exactly the sum of its lines.")
    rank: int = strawberry.field(description="Its rank in the category.")
    grade: Grade = strawberry.field(description="Its grade.")
    grade_clause: ClauseType | None = strawberry.field(
        description="The rulebook band or the override (a veto, a rule) that set the grade."
    )
    awards_allowed: bool = strawberry.field(description="Whether it may receive awards.")
    consequences: list[ClauseType] = strawberry.field(
        description="The clauses of consequences across years that apply to it."
    )
    lines: list[ExplainedLineType] = strawberry.field(description="Its lines in ledger order.")
    rulebook_version: str = strawberry.field(description="The rulebook the year adopted.")
    rulebook_sha256: str = strawberry.field(description="Its sha256 (`rulebook(sha256:)`).")
    as_of: CheckpointType = strawberry.field(description="The checkpoint it was read at.")

    @classmethod
    def of(cls, found: ScoreExplanation, position: int) -> ScoreExplanationType:
        return cls(
            year=found.year,
            unit_id=strawberry.ID(str(found.unit_id)),
            code=found.code,
            name=found.name,
            category=found.category,
            total=found.total,
            rank=found.rank,
            grade=Grade(found.grade),
            grade_clause=ClauseType.of(found.grade_clause),
            awards_allowed=found.awards_allowed,
            consequences=[c for c in map(ClauseType.of, found.consequences) if c],
            lines=[ExplainedLineType.of(line) for line in found.lines],
            rulebook_version=found.rulebook_version,
            rulebook_sha256=found.rulebook_sha256,
            as_of=CheckpointType(position=position),
        )


async def explain_score(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit.")],
    as_of: AsOfArgument = None,
) -> ScoreExplanationType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    unit = uuid_of(unit_id, "unitId")
    check_year(year)
    views = info.context.views
    at = await views.checkpoint(as_of)
    found = await views.run(
        info.context.application.explain_score, year=year, unit_id=unit, as_of=at.position
    )
    return ScoreExplanationType.of(found, at.position)


QUERY_SCOPES["explainScore"] = ReadScope.ALL_UNITS


@strawberry.type
class ExplanationQueries:
    explain_score: ScoreExplanationType = strawberry.field(
        resolver=explain_score,
        description="The whole chain behind a unit's score (readers): each line's points, "
        "clause and events with who, when, why and evidence; rank and grade with the clause "
        "or override that set them. NOT_FOUND (field `unitId`) before the unit has a result.",
    )
