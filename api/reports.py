"""Monthly progress (进度填报): the unit reports a target's progress with evidence; a
reviewer verifies or rejects it. Only verified reports count."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import strawberry

from api.common import AmendableInput, EvidenceInput, YearCommandInput, evidence_of
from api.inputs import uuid_of, value_of
from api.mutation import Run, ident, mutation
from api.permissions import Guard
from domain.actors import Duty
from domain.reports.evidence import Progress


@strawberry.input(description="A command on one target's report for a month.")
class MonthlyReportInput(YearCommandInput):
    unit_id: strawberry.ID = strawberry.field(description="The reporting unit.")
    target_id: strawberry.ID = strawberry.field(description="The target reported on.")
    period: str = strawberry.field(description="The month, `YYYY-MM`, of the year.")


@strawberry.input(description="Progress on a target for a month.")
class ReportProgressInput(MonthlyReportInput):
    value: Decimal | None = strawberry.field(
        default=None, description="Cumulative value reached (quantitative targets)."
    )
    milestones_done: list[str] = strawberry.field(
        default_factory=list, description="Keys of the milestones done (qualitative targets)."
    )
    narrative: str = strawberry.field(default="", description="What was done (≤4000).")
    evidence: list[EvidenceInput] = strawberry.field(
        default_factory=list, description="Files behind the claim (≤50)."
    )


@strawberry.input(description="A reviewer's verification or rejection of a report.")
class VerifyProgressInput(MonthlyReportInput, AmendableInput):
    approve: bool = strawberry.field(description="Verify (it counts) or reject it.")
    reason: str | None = strawberry.field(default=None, description="Why; required when rejecting.")


@strawberry.type(description="The month's return of the unit, after the change.")
class ReportRecorded:
    monthly_return_id: strawberry.ID = strawberry.field(
        description="Id of the unit's return for the month (its aggregate)."
    )
    target_id: strawberry.ID = strawberry.field(description="The target reported on.")
    period: str = strawberry.field(description="The month.")


def _where(input: MonthlyReportInput) -> dict[str, object]:
    return {
        "year": input.year,
        "unit_id": uuid_of(input.unit_id, "input.unitId"),
        "target_id": uuid_of(input.target_id, "input.targetId"),
        "period": input.period,
    }


def _recorded(input: MonthlyReportInput, monthly_return_id: UUID) -> ReportRecorded:
    return ReportRecorded(
        monthly_return_id=ident(monthly_return_id),
        target_id=input.target_id,
        period=input.period,
    )


@strawberry.type
class ReportMutations:
    @mutation(
        Guard(Duty.REPORT_PROGRESS, unit_scoped=True),
        "Report a target's progress for a month that has started and is not closed.",
    )
    def report_progress(run: Run, input: ReportProgressInput) -> ReportRecorded:
        fields = {
            "value": input.value,
            "milestones_done": input.milestones_done,
            "narrative": input.narrative,
            "evidence": evidence_of(input.evidence, "input.evidence"),
        }
        progress = value_of(Progress, fields, "input")
        return _recorded(
            input, run.app.report_progress(**_where(input), progress=progress, **run.command(input))
        )

    @mutation(Guard(Duty.VERIFY_PROGRESS), "Verify or reject a submitted progress report.")
    def verify_progress(run: Run, input: VerifyProgressInput) -> ReportRecorded:
        monthly_return_id = run.app.verify_progress(
            **_where(input),
            approve=input.approve,
            reason=input.reason,
            amendment_reason=input.amendment_reason,
            **run.command(input),
        )
        return _recorded(input, monthly_return_id)
