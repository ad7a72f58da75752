"""Commands of a case's lead unit (承办单位): its commitment (承诺), progress reports and
rectification report; and the verification of that report by a reviewer or the
supervision office."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.cases import CaseAccess
from application.command import Outcome, command
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
        return self.change_case(
            case_id,
            "commit_to_case",
            lambda case, stamp: case.commit(
                promised_on=promised_on, measures=measures, stamp=stamp
            ),
            by=by,
            amendment_reason=amendment_reason,
        )

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
        return self.change_case(
            case_id,
            "report_case_progress",
            lambda case, stamp: case.report_progress(report=report, stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
        )

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
        return self.change_case(
            case_id,
            "report_rectification",
            lambda case, stamp: case.report_rectification(report=report, stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
        )

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
        return self.change_case(
            case_id,
            "verify_rectification",
            lambda case, stamp: case.verify(passed=passed, stamp=stamp),
            by=by,
            amendment_reason=amendment_reason,
            reason=reason,
        )
