"""Commands of a case's lead unit (承办单位): its commitment (承诺), progress reports and
rectification report; and the verification of that report by a reviewer or the
supervision office."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.command import Outcome, command
from application.supervision import CaseAccess
from domain.actors import Actor
from domain.supervision.matter import CaseReport


class CaseAnswerCommands(CaseAccess):
    @command
    def commit_to_case(
        self,
        *,
        case_id: UUID,
        promised_on: date,
        measures: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id, command="commit_to_case", amendment_reason=amendment_reason, stamp=stamp
        )
        case.commit(promised_on=promised_on, measures=measures, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def report_case_progress(
        self,
        *,
        case_id: UUID,
        report: CaseReport,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id,
            command="report_case_progress",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        case.report_progress(report=report, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def report_rectification(
        self,
        *,
        case_id: UUID,
        report: CaseReport,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by)
        case, guard = self.case_to_change(
            case_id,
            command="report_rectification",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        case.report_rectification(report=report, stamp=stamp)
        return Outcome(case.id, case, *guard)

    @command
    def verify_rectification(
        self,
        *,
        case_id: UUID,
        passed: bool,
        reason: str | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        stamp = self.stamp(by, reason)
        case, guard = self.case_to_change(
            case_id,
            command="verify_rectification",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        case.verify(passed=passed, stamp=stamp)
        return Outcome(case.id, case, *guard)
