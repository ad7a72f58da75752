"""A supervision case's lead unit answers (承办单位): its commitment (承诺), progress
reports and rectification report (整改报告); and the verification (核查) of that report
by a reviewer or the supervision office. Only the case's lead unit answers it: the
domain checks that against the case itself."""

from __future__ import annotations

from datetime import date

import strawberry

from api.cases import CaseChanged, CaseStepInput, case_step, changed
from api.common import EvidenceInput, evidence_of
from api.inputs import value_of
from api.mutation import Run, mutation
from api.permissions import Guard
from domain.actors import Duty
from domain.supervision.matter import CaseReport

_ANSWER = Guard(Duty.ANSWER_CASE)


@strawberry.input(description="The lead unit's commitment (承诺).")
class CommitToCaseInput(CaseStepInput):
    promised_on: date = strawberry.field(description="The day the unit promises to finish.")
    measures: str = strawberry.field(description="What it will do.")


@strawberry.input(description="A progress or rectification report, with evidence.")
class CaseReportInput(CaseStepInput):
    narrative: str = strawberry.field(description="What was done (≤4000).")
    evidence: list[EvidenceInput] = strawberry.field(
        default_factory=list, description="Files behind it (≤50)."
    )

    def report(self) -> CaseReport:
        fields = {
            "narrative": self.narrative,
            "evidence": evidence_of(self.evidence, "input.evidence"),
        }
        return value_of(CaseReport, fields, "input")


@strawberry.input(description="The verification of a rectification report (核查).")
class VerifyRectificationInput(CaseStepInput):
    passed: bool = strawberry.field(description="Whether the rectification holds.")
    reason: str | None = strawberry.field(default=None, description="Why; required when it fails.")


@strawberry.type
class CaseAnswerMutations:
    @mutation(_ANSWER, "Commit to an assigned case (承诺): measures and a promised day.")
    def commit_to_case(run: Run, input: CommitToCaseInput) -> CaseChanged:
        return changed(
            run.app.commit_to_case(
                **case_step(input),
                promised_on=input.promised_on,
                measures=input.measures,
                **run.command(input),
            )
        )

    @mutation(_ANSWER, "Report progress on a committed case.")
    def report_case_progress(run: Run, input: CaseReportInput) -> CaseChanged:
        return changed(
            run.app.report_case_progress(
                **case_step(input), report=input.report(), **run.command(input)
            )
        )

    @mutation(_ANSWER, "Hand in the rectification report (整改报告).")
    def report_rectification(run: Run, input: CaseReportInput) -> CaseChanged:
        return changed(
            run.app.report_rectification(
                **case_step(input), report=input.report(), **run.command(input)
            )
        )

    @mutation(
        Guard(Duty.VERIFY_RECTIFICATION),
        "Verify a rectification report: passed, or failed with a reason (back to work).",
    )
    def verify_rectification(run: Run, input: VerifyRectificationInput) -> CaseChanged:
        return changed(
            run.app.verify_rectification(
                **case_step(input),
                passed=input.passed,
                reason=input.reason,
                **run.command(input),
            )
        )
