"""Loading a supervision case for one step, with its year's consent: in a finalized year
the change is an amendment with a reason, recorded on the year and saved with the case."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome
from domain.actors import Actor
from domain.events import Stamp
from domain.supervision.case import SupervisionCase


class CaseAccess(AssessmentBase):
    def change_case(
        self,
        case_id: UUID,
        command: str,
        step: Callable[[SupervisionCase, Stamp], None],
        *,
        by: Actor,
        amendment_reason: str | None,
        reason: str | None = None,
    ) -> Outcome[UUID]:
        """Take one step of a case; in a finalized year the year records the amendment,
        and is saved with the case."""
        stamp = self.stamp(by, reason)
        case = self.load(SupervisionCase, case_id, field="case_id")
        guard = self.guard_change(
            self.year_by_id(case.year_id),
            subject_id=case.id,
            command=command,
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        step(case, stamp)
        return Outcome(case.id, case, *guard)
