"""A supervision case (督办事项): opened by the supervision office, assigned to a lead
unit, answered by it (commitment, progress, rectification), verified, then struck off
(销号) or escalated with an accountability proposal (追责建议). Every step is checked
against the case machine (`states.MACHINE`) before anything else about it."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.checks import require_text
from domain.events import Stamp
from domain.periods import OFFICE_TZ
from domain.supervision.events import CaseEvents
from domain.supervision.matter import CaseMatter, CaseReport
from domain.supervision.schedule import MissedReport, Overdue, ReportingClock
from domain.supervision.schedule import missed_progress as missed_reports
from domain.supervision.schedule import overdue as overdue_case
from domain.supervision.states import CaseState, CaseStep, next_state
from domain.supervision.terms import PROGRESS_INTERVALS
from domain.vocabulary import AttentionLevel, NoticeColour, Role

# A deadline notice (限期办结通知单) gives at most this long to finish.
LONGEST_NOTICE_LIMIT = timedelta(days=366)


class SupervisionCase(CaseEvents):
    year_id: UUID
    lead_unit: UUID
    target_id: UUID | None
    deadline: date
    level: AttentionLevel
    state: CaseState
    limit: date  # the deadline, or a later limit set by a deadline notice
    notices: int
    clock: ReportingClock
    rectified_at: datetime | None
    settled_at: datetime | None

    @classmethod
    def open(
        cls,
        *,
        id: UUID,
        year_id: UUID,
        matter: CaseMatter,
        attention_level: AttentionLevel,
        lead_unit: UUID,
        cooperating_units: list[UUID],
        deadline: date,
        target_id: UUID | None,
        enrolled: Collection[UUID],
        stamp: Stamp,
    ) -> SupervisionCase:
        require_duty(stamp.actor_role, Duty.OPEN_CASE)
        matter.check()
        if lead_unit not in enrolled:
            raise errors.NotEnrolled("the lead unit is not assessed that year", field="lead_unit")
        _check_cooperating(lead_unit, cooperating_units, enrolled)
        if deadline < _day_of(stamp.at):
            raise errors.InvalidInput("the deadline has already passed", field="deadline")
        return cls._begin(
            cls.Opened,
            id=id,
            stamp=stamp,
            year_id=year_id,
            matter=matter,
            attention_level=attention_level,
            lead_unit=lead_unit,
            cooperating_units=cooperating_units,
            deadline=deadline,
            target_id=target_id,
        )

    def require_opened_as(self, *, year_id: UUID, lead_unit: UUID, target_id: UUID | None) -> None:
        """A case opened again under its id (a retry) is the same case: of the same year
        and lead unit, about the same target; anything else is another case's id."""
        if (self.year_id, self.lead_unit, self.target_id) != (year_id, lead_unit, target_id):
            raise errors.AlreadyExists(
                "this case id names another case (another year, lead unit or target)",
                field="case_id",
            )

    def assign(self, *, instructions: str, stamp: Stamp) -> None:
        self._step(CaseStep.ASSIGN, Duty.ASSIGN_CASE, stamp)
        require_text(instructions, "instructions")
        self._record(self.Assigned, stamp, instructions=instructions.strip())

    def issue_notice(
        self, *, colour: NoticeColour, text: str, complete_by: date | None, stamp: Stamp
    ) -> None:
        self._step(CaseStep.ISSUE_NOTICE, Duty.ISSUE_CASE_NOTICE, stamp)
        require_text(text, "text")
        _check_notice_limit(colour, complete_by, _day_of(stamp.at))
        self._record(
            self.NoticeIssued,
            stamp,
            number=self.notices + 1,
            colour=colour,
            text=text.strip(),
            complete_by=complete_by,
        )

    def adjust_attention_level(self, *, level: AttentionLevel, stamp: Stamp) -> None:
        self._step(CaseStep.ADJUST_LEVEL, Duty.ADJUST_ATTENTION_LEVEL, stamp)
        require_text(stamp.reason, "reason")
        if level is self.level:
            raise errors.InvalidInput(f"the case is already at level {level}", field="level")
        self._record(self.AttentionLevelAdjusted, stamp, level=level)

    def commit(self, *, promised_on: date, measures: str, stamp: Stamp) -> None:
        self._step(CaseStep.COMMIT, Duty.ANSWER_CASE, stamp)
        require_text(measures, "measures")
        if not _day_of(stamp.at) <= promised_on <= self.limit:
            raise errors.InvalidInput(
                f"the promised date must fall between today and {self.limit}",
                field="promised_on",
            )
        self._record(self.Committed, stamp, promised_on=promised_on, measures=measures.strip())

    def report_progress(self, *, report: CaseReport, stamp: Stamp) -> None:
        self._step(CaseStep.REPORT_PROGRESS, Duty.ANSWER_CASE, stamp)
        report.check()
        self._record(self.ProgressReported, stamp, report=report)

    def inspect(self, *, visited_on: date, findings: str, stamp: Stamp) -> None:
        self._step(CaseStep.INSPECT, Duty.INSPECT_CASE, stamp)
        require_text(findings, "findings")
        if visited_on > _day_of(stamp.at):
            raise errors.InvalidInput("an inspection is recorded after it", field="visited_on")
        self._record(self.InspectedOnSite, stamp, visited_on=visited_on, findings=findings.strip())

    def report_rectification(self, *, report: CaseReport, stamp: Stamp) -> None:
        self._step(CaseStep.REPORT_RECTIFICATION, Duty.ANSWER_CASE, stamp)
        report.check()
        self._record(self.RectificationReported, stamp, report=report)

    def verify(self, *, passed: bool, stamp: Stamp) -> None:
        step = CaseStep.PASS_VERIFICATION if passed else CaseStep.FAIL_VERIFICATION
        self._step(step, Duty.VERIFY_RECTIFICATION, stamp)
        if not passed:
            require_text(stamp.reason, "reason")
        self._record(self.VerificationPassed if passed else self.VerificationFailed, stamp)

    def close(self, *, stamp: Stamp) -> None:
        self._step(CaseStep.CLOSE, Duty.CLOSE_CASE, stamp)
        self._record(self.Closed, stamp)

    def escalate(self, *, proposal: str, persons: list[str], stamp: Stamp) -> None:
        self._step(CaseStep.ESCALATE, Duty.ESCALATE_CASE, stamp)
        require_text(proposal, "proposal")
        for person in persons:
            require_text(person, "persons")
        named = [person.strip() for person in persons]
        self._record(self.Escalated, stamp, proposal=proposal.strip(), persons=named)

    def overdue(self, at: datetime) -> Overdue | None:
        return overdue_case(deadline=self.deadline, settled_at=self.settled_at, at=at)

    def missed_progress(
        self, at: datetime, intervals: dict[AttentionLevel, timedelta] | None = None
    ) -> list[MissedReport]:
        return missed_reports(self.clock, at, intervals or PROGRESS_INTERVALS)

    def _step(self, step: CaseStep, duty: Duty, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, duty)
        if stamp.actor_role is Role.UNIT and stamp.acting_unit != self.lead_unit:
            raise errors.Forbidden("only the lead unit answers its case", field="case_id")
        next_state(self.state, step)


def _day_of(at: datetime) -> date:
    return at.astimezone(OFFICE_TZ).date()


def _check_cooperating(lead: UUID, cooperating: list[UUID], enrolled: Collection[UUID]) -> None:
    if lead in cooperating or len(set(cooperating)) != len(cooperating):
        raise errors.InvalidInput(
            "cooperating units are distinct and other than the lead unit",
            field="cooperating_units",
        )
    if any(unit not in enrolled for unit in cooperating):
        raise errors.NotEnrolled(
            "a cooperating unit is not assessed that year", field="cooperating_units"
        )


def _check_notice_limit(colour: NoticeColour, complete_by: date | None, today: date) -> None:
    if colour is not NoticeColour.DEADLINE:
        if complete_by is not None:
            raise errors.InvalidInput(
                "only a deadline notice sets a date to finish by", field="complete_by"
            )
        return
    if complete_by is None or not today <= complete_by <= today + LONGEST_NOTICE_LIMIT:
        raise errors.InvalidInput(
            "a deadline notice names a date from today to a year ahead", field="complete_by"
        )
