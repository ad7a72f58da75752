"""Commands of the supervision office on supervision cases (督办事项): open, assign, issue
notices, adjust the attention level, inspect on site, close, escalate.

A case belongs to the year it was opened in: in a finalized year it changes only by an
amendment with a reason, recorded on the year in the same transaction.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.cases import CaseAccess
from application.command import Outcome, command
from domain import errors
from domain.actors import Actor
from domain.events import Aggregate
from domain.ids import target_list_id
from domain.supervision.case import SupervisionCase
from domain.supervision.matter import CaseMatter
from domain.targets.target_list import TargetList
from domain.vocabulary import AttentionLevel, NoticeColour


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
        case_id: UUID | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        """`case_id`: the id to open the case under (a policy derives it from what asked
        for the case); when that case exists already, opened for the same year, lead unit
        and target, this is a retry: its id is returned and nothing is stored."""
        assessment = self.year(year)
        existing = None if case_id is None else self.find(Aggregate, case_id)
        if existing is not None:
            if not isinstance(existing, SupervisionCase):
                raise errors.AlreadyExists("this id names another record", field="case_id")
            existing.require_opened_as(
                year_id=assessment.id, lead_unit=lead_unit, target_id=target_id
            )
            return Outcome(existing.id)
        if target_id is not None:
            lead_list = target_list_id(assessment.id, lead_unit)
            self.read(TargetList, lead_list, field="target_id").target(target_id)
        stamp = self.stamp(by)
        case = SupervisionCase.open(
            id=case_id or self.ids.new_id(),
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
        return self.change_case(
            case_id,
            "assign_case",
            lambda case, stamp: case.assign(instructions=instructions, stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
        )

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
        return self.change_case(
            case_id,
            "issue_case_notice",
            lambda case, stamp: case.issue_notice(
                colour=colour, text=text, complete_by=complete_by, stamp=stamp
            ),
            by=by,
            amendment_reason=amendment_reason,
        )

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
        return self.change_case(
            case_id,
            "adjust_attention_level",
            lambda case, stamp: case.adjust_attention_level(level=level, stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
            reason=reason,
        )

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
        return self.change_case(
            case_id,
            "inspect_case",
            lambda case, stamp: case.inspect(visited_on=visited_on, findings=findings, stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
        )

    @command
    def close_case(
        self,
        *,
        case_id: UUID,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        return self.change_case(
            case_id,
            "close_case",
            lambda case, stamp: case.close(stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
        )

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
        return self.change_case(
            case_id,
            "escalate_case",
            lambda case, stamp: case.escalate(
                proposal=proposal, persons=persons or [], stamp=stamp
            ),
            by=by,
            amendment_reason=amendment_reason,
        )
