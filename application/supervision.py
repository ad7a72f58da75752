"""Commands of the supervision office on supervision cases (督办事项): open, assign, issue
notices, adjust the attention level, inspect on site, verify, close, escalate.

A case belongs to the year it was opened in: in a finalized year it changes only by an
amendment with a reason, recorded on the year in the same transaction.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain.actors import Actor
from domain.events import Aggregate, Stamp
from domain.ids import target_list_id
from domain.supervision.case import SupervisionCase
from domain.supervision.matter import CaseMatter
from domain.targets.target_list import TargetList
from domain.vocabulary import AttentionLevel, NoticeColour


class CaseAccess(AssessmentBase):
    def case_to_change(
        self, case_id: UUID, *, command: str, amendment_reason: str | None, stamp: Stamp
    ) -> tuple[SupervisionCase, list[Aggregate]]:
        """The case, and its year when the change is an amendment of a finalized year."""
        case = self.load(SupervisionCase, case_id, field="case_id")
        guard = self.guard_change(
            self.load_year_by_id(case.year_id),
            subject_id=case.id,
            command=command,
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        return case, guard


class SupervisionCommands(CaseAccess):
    @command
    def open_case(
        self,
        *,
        year: int,
        matter: CaseMatter,
        attention_level: AttentionLevel,
        lead_unit: UUID,
        deadline: date,
        cooperating_units: list[UUID] | None = None,
        target_id: UUID | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        if target_id is not None:
            lead_list = target_list_id(assessment.id, lead_unit)
            self.read(TargetList, lead_list, field="target_id").target(target_id)
        stamp = self.stamp(by)
        case = SupervisionCase.open(
            id=self.ids.new_id(),
            year_id=assessment.id,
            matter=matter,
            attention_level=attention_level,
            lead_unit=lead_unit,
            cooperating_units=cooperating_units or [],
            deadline=deadline,
            target_id=target_id,
            enrolled=assessment.roster,
            stamp=stamp,
        )
        guard = self.guard_change(
            assessment,
            subject_id=case.id,
            command="open_case",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        return Outcome(case.id, case, *guard)

    @command
    def assign_case(
        self,
        *,
        case_id: UUID,
        instructions: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id, command="assign_case", amendment_reason=amendment_reason, stamp=stamp
        )
        case.assign(instructions=instructions, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def issue_case_notice(
        self,
        *,
        case_id: UUID,
        colour: NoticeColour,
        text: str,
        complete_by: date | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id, command="issue_case_notice", amendment_reason=amendment_reason, stamp=stamp
        )
        case.issue_notice(colour=colour, text=text, complete_by=complete_by, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def adjust_attention_level(
        self,
        *,
        case_id: UUID,
        level: AttentionLevel,
        reason: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by, reason)
        case, guard = self.case_to_change(
            case_id,
            command="adjust_attention_level",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        case.adjust_attention_level(level=level, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def inspect_case(
        self,
        *,
        case_id: UUID,
        visited_on: date,
        findings: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id, command="inspect_case", amendment_reason=amendment_reason, stamp=stamp
        )
        case.inspect(visited_on=visited_on, findings=findings, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def close_case(
        self,
        *,
        case_id: UUID,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id, command="close_case", amendment_reason=amendment_reason, stamp=stamp
        )
        case.close(stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def escalate_case(
        self,
        *,
        case_id: UUID,
        proposal: str,
        persons: list[str] | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id, command="escalate_case", amendment_reason=amendment_reason, stamp=stamp
        )
        case.escalate(proposal=proposal, persons=persons or [], stamp=stamp)
        return Outcome(case.id, case, *guard)
