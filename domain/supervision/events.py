"""The events of a supervision case, each applying its fact to the case's state.

They live on a base class of `SupervisionCase` so that the facts (here) and the rules
that decide them (case.py) read apart; the state a step leads to comes from the machine.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.events import Aggregate
from domain.supervision.matter import CaseMatter, CaseReport
from domain.supervision.schedule import ReportingClock
from domain.supervision.states import MACHINE, CaseState, CaseStep
from domain.vocabulary import AttentionLevel, NoticeColour


def _move(agg: Any, step: CaseStep) -> None:
    to = MACHINE[step][1]
    if to is not None:
        agg.state = to


class CaseEvents(Aggregate):
    class Opened(Aggregate.Created):
        year_id: UUID
        matter: CaseMatter
        attention_level: AttentionLevel
        lead_unit: UUID
        cooperating_units: list[UUID]
        deadline: date
        target_id: UUID | None

        def apply(self, agg: Any) -> None:
            agg.year_id, agg.lead_unit, agg.target_id = self.year_id, self.lead_unit, self.target_id
            agg.deadline = agg.limit = self.deadline
            agg.level, agg.state = self.attention_level, CaseState.OPENED
            agg.notices, agg.clock = 0, ReportingClock()
            agg.rectified_at = agg.settled_at = None

    class Assigned(Aggregate.Event):
        """Handed to the lead unit (交办): progress is owed from now on."""

        instructions: str

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.ASSIGN)
            agg.clock.start(self.timestamp, agg.level)

    class NoticeIssued(Aggregate.Event):
        """A red, yellow or blue supervision notice (督办单) or a deadline notice."""

        number: int
        colour: NoticeColour
        text: str
        complete_by: date | None

        def apply(self, agg: Any) -> None:
            agg.notices = self.number
            if self.complete_by is not None and self.complete_by > agg.limit:
                agg.limit = self.complete_by

    class AttentionLevelAdjusted(Aggregate.Event):
        level: AttentionLevel

        def apply(self, agg: Any) -> None:
            agg.level = self.level
            agg.clock.relevel(self.timestamp, self.level)

    class Committed(Aggregate.Event):
        """The lead unit's commitment (承诺): its measures and the date it promises."""

        promised_on: date
        measures: str

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.COMMIT)

    class ProgressReported(Aggregate.Event):
        report: CaseReport

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.REPORT_PROGRESS)
            agg.clock.report(self.timestamp)

    class InspectedOnSite(Aggregate.Event):
        """现场督查: what the supervision office found on the visit."""

        visited_on: date
        findings: str

    class RectificationReported(Aggregate.Event):
        report: CaseReport

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.REPORT_RECTIFICATION)
            agg.rectified_at = self.timestamp
            agg.clock.stop(self.timestamp)

    class VerificationPassed(Aggregate.Event):
        """The rectification holds (核查通过): the case was done when it was reported."""

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.PASS_VERIFICATION)
            agg.settled_at = agg.rectified_at

    class VerificationFailed(Aggregate.Event):
        """The rectification does not hold (the reason says why): work and reports resume."""

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.FAIL_VERIFICATION)
            agg.rectified_at = None
            agg.clock.start(self.timestamp, agg.level)

    class Closed(Aggregate.Event):
        """Struck off the ledger (销号)."""

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.CLOSE)

    class Escalated(Aggregate.Event):
        """An accountability proposal (追责建议函) to the discipline inspection organs."""

        proposal: str
        persons: list[str]

        def apply(self, agg: Any) -> None:
            _move(agg, CaseStep.ESCALATE)
            agg.clock.stop(self.timestamp)
            agg.settled_at = self.timestamp
