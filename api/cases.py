"""Supervision cases (督办事项), the supervision office's steps: open, assign, notices,
attention level, on-site inspection, closure (销号) and escalation (追责建议).
The lead unit's answers are in api/case_answers.py; the case machine is
docs/supervision.md's."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry

from api.common import AmendableInput, CommandInput, YearCommandInput
from api.inputs import optional_uuid, uuid_of, uuids_of, value_of
from api.mutation import Run, ident, mutation
from api.permissions import Guard
from api.vocabulary import AttentionLevel, CaseSourceKind, NoticeColour, domain_value
from domain import vocabulary as v
from domain.actors import Duty
from domain.supervision.matter import CaseMatter


@strawberry.input(description="The matter supervised and where it came from.")
class CaseMatterInput:
    title: str = strawberry.field(description="What must be done, in a line (≤200).")
    requirement: str = strawberry.field(description="The requirement in full (≤4000).")
    source: CaseSourceKind = strawberry.field(description="Where the matter came from.")
    source_ref: str | None = strawberry.field(
        default=None, description="The instruction, document or complaint number."
    )


@strawberry.input(description="A supervision case to open in a year.")
class OpenCaseInput(YearCommandInput, AmendableInput):
    matter: CaseMatterInput = strawberry.field(description="The matter.")
    attention_level: AttentionLevel = strawberry.field(description="How closely it is followed.")
    lead_unit: strawberry.ID = strawberry.field(description="The unit that answers for it.")
    deadline: date = strawberry.field(description="The day it is due.")
    cooperating_units: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Units that help (they do not report)."
    )
    target_id: strawberry.ID | None = strawberry.field(
        default=None, description="The lead unit's target it concerns, if any."
    )


@strawberry.input(description="A step on one supervision case.")
class CaseStepInput(CommandInput, AmendableInput):
    case_id: strawberry.ID = strawberry.field(description="The case.")


@strawberry.input(description="The case handed to its lead unit (交办).")
class AssignCaseInput(CaseStepInput):
    instructions: str = strawberry.field(description="What the unit is told to do.")


@strawberry.input(description="A notice on the case: red, yellow or blue 督办单, or a deadline.")
class IssueCaseNoticeInput(CaseStepInput):
    colour: NoticeColour = strawberry.field(description="Which notice.")
    text: str = strawberry.field(description="Its text.")
    complete_by: date | None = strawberry.field(
        default=None, description="For a deadline notice: the day to finish by."
    )


@strawberry.input(description="A new attention level, with a reason.")
class AdjustAttentionLevelInput(CaseStepInput):
    level: AttentionLevel = strawberry.field(description="The new level.")
    reason: str = strawberry.field(description="Why it changes.")


@strawberry.input(description="An on-site inspection (现场督查).")
class InspectCaseInput(CaseStepInput):
    visited_on: date = strawberry.field(description="The day of the visit.")
    findings: str = strawberry.field(description="What was found.")


@strawberry.input(description="An escalation with a proposal of accountability (追责建议).")
class EscalateCaseInput(CaseStepInput):
    proposal: str = strawberry.field(description="The proposal to the discipline organs.")
    persons: list[str] = strawberry.field(default_factory=list, description="Persons named.")


@strawberry.type(description="The supervision case after the step.")
class CaseChanged:
    case_id: strawberry.ID = strawberry.field(description="The case.")


def case_step(input: CaseStepInput) -> dict[str, object]:
    return {
        "case_id": uuid_of(input.case_id, "input.caseId"),
        "amendment_reason": input.amendment_reason,
    }


def changed(case_id: UUID) -> CaseChanged:
    return CaseChanged(case_id=ident(case_id))


@strawberry.type
class CaseMutations:
    @mutation(Guard(Duty.OPEN_CASE), "Open a supervision case (立项).")
    def open_case(run: Run, input: OpenCaseInput) -> CaseChanged:
        case_id = run.app.open_case(
            year=input.year,
            matter=value_of(CaseMatter, input.matter, "input.matter"),
            attention_level=domain_value(v.AttentionLevel, input.attention_level),
            lead_unit=uuid_of(input.lead_unit, "input.leadUnit"),
            deadline=input.deadline,
            cooperating_units=uuids_of(input.cooperating_units, "input.cooperatingUnits"),
            target_id=optional_uuid(input.target_id, "input.targetId"),
            amendment_reason=input.amendment_reason,
            **run.command(input),
        )
        return changed(case_id)

    @mutation(Guard(Duty.ASSIGN_CASE), "Assign the case to its lead unit (交办).")
    def assign_case(run: Run, input: AssignCaseInput) -> CaseChanged:
        return changed(
            run.app.assign_case(
                **case_step(input), instructions=input.instructions, **run.command(input)
            )
        )

    @mutation(Guard(Duty.ISSUE_CASE_NOTICE), "Issue a supervision or deadline notice.")
    def issue_case_notice(run: Run, input: IssueCaseNoticeInput) -> CaseChanged:
        return changed(
            run.app.issue_case_notice(
                **case_step(input),
                colour=domain_value(v.NoticeColour, input.colour),
                text=input.text,
                complete_by=input.complete_by,
                **run.command(input),
            )
        )

    @mutation(Guard(Duty.ADJUST_ATTENTION_LEVEL), "Change the case's attention level.")
    def adjust_attention_level(run: Run, input: AdjustAttentionLevelInput) -> CaseChanged:
        return changed(
            run.app.adjust_attention_level(
                **case_step(input),
                level=domain_value(v.AttentionLevel, input.level),
                reason=input.reason,
                **run.command(input),
            )
        )

    @mutation(Guard(Duty.INSPECT_CASE), "Record an on-site inspection (现场督查).")
    def inspect_case(run: Run, input: InspectCaseInput) -> CaseChanged:
        return changed(
            run.app.inspect_case(
                **case_step(input),
                visited_on=input.visited_on,
                findings=input.findings,
                **run.command(input),
            )
        )

    @mutation(Guard(Duty.CLOSE_CASE), "Close a verified case (销号).")
    def close_case(run: Run, input: CaseStepInput) -> CaseChanged:
        return changed(run.app.close_case(**case_step(input), **run.command(input)))

    @mutation(Guard(Duty.ESCALATE_CASE), "Escalate the case with a proposal of accountability.")
    def escalate_case(run: Run, input: EscalateCaseInput) -> CaseChanged:
        return changed(
            run.app.escalate_case(
                **case_step(input),
                proposal=input.proposal,
                persons=input.persons,
                **run.command(input),
            )
        )
