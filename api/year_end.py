"""The year-end workflow (三查三审一测评一公开, DOMAIN.md §6), one mutation per step, in
order: self-checks, centralized review, spot check, democratic evaluation, aggregate
score, ranking, the leader's preliminary review, the announcement and its objections,
the committee's decision. `finalizeYear` (api/years.py) then locks the year."""

from __future__ import annotations

from datetime import date

import strawberry

from api.common import EvidenceInput, YearCommandInput, evidence_of
from api.inputs import uuid_of, uuids_of
from api.mutation import Run, mutation
from api.permissions import Guard
from api.years import AssessmentYearType, YearPayload
from domain.actors import Duty

_STEP = Guard(Duty.CONDUCT_YEAR_END)


@strawberry.input(description="A unit's self-check (单位自查), once per unit.")
class SubmitSelfCheckInput(YearCommandInput):
    unit_id: strawberry.ID = strawberry.field(description="The unit checking itself.")
    summary: str = strawberry.field(description="What the unit found.")
    evidence: list[EvidenceInput] = strawberry.field(
        default_factory=list, description="Files behind it."
    )


@strawberry.input(description="A step with a written summary.")
class SummaryInput(YearCommandInput):
    summary: str = strawberry.field(description="The step's summary.")


@strawberry.input(description="The spot check (组织抽查).")
class SpotCheckInput(YearCommandInput):
    unit_ids: list[strawberry.ID] = strawberry.field(description="The units checked.")
    findings: str = strawberry.field(description="What was found.")


@strawberry.input(description="The democratic evaluation (民主测评): a closed campaign.")
class DemocraticEvaluationInput(YearCommandInput):
    campaign_id: strawberry.ID = strawberry.field(
        description="The year's closed democratic campaign."
    )


@strawberry.input(description="The leader's preliminary review (分管领导初审).")
class PreliminaryReviewInput(YearCommandInput):
    approve: bool = strawberry.field(description="Approve, or return to be totalled again.")
    reason: str | None = strawberry.field(default=None, description="Why; required to return.")


@strawberry.input(description="The public announcement (公开公示) and its objection period.")
class AnnounceResultsInput(YearCommandInput):
    objections_until: date = strawberry.field(
        description="Last day for objections: after today, at most 30 days ahead."
    )


@strawberry.input(description="A unit's objection (异议) during the announcement.")
class RaiseObjectionInput(YearCommandInput):
    unit_id: strawberry.ID = strawberry.field(description="The objecting unit.")
    grounds: str = strawberry.field(description="Its grounds.")


@strawberry.input(description="The office's answer to an objection.")
class AnswerObjectionInput(YearCommandInput):
    number: int = strawberry.field(description="The objection's number.")
    upheld: bool = strawberry.field(description="Whether it is upheld.")
    answer: str = strawberry.field(description="The answer.")


@strawberry.input(description="The committee's decision (县委常委会审查决定).")
class DecideResultsInput(YearCommandInput):
    basis: str = strawberry.field(description="The meeting and decision it rests on.")


@strawberry.type(description="An objection raised; the office answers it by number.")
class ObjectionRaised(YearPayload):
    number: int = strawberry.field(description="The objection's number in the year.")


def _year(run: Run, year: int) -> YearPayload:
    return YearPayload(assessment_year=AssessmentYearType.read(run.app, year))


@strawberry.type
class YearEndMutations:
    @mutation(Guard(Duty.SUBMIT_SELF_CHECK, unit_scoped=True), "Submit the unit's self-check.")
    def submit_self_check(run: Run, input: SubmitSelfCheckInput) -> YearPayload:
        run.app.submit_self_check(
            year=input.year,
            unit_id=uuid_of(input.unit_id, "input.unitId"),
            summary=input.summary,
            evidence=evidence_of(input.evidence, "input.evidence"),
            **run.command(input),
        )
        return _year(run, input.year)

    @mutation(_STEP, "Hold the centralized review (集中会审) after every self-check.")
    def hold_centralized_review(run: Run, input: SummaryInput) -> YearPayload:
        run.app.hold_centralized_review(
            year=input.year, summary=input.summary, **run.command(input)
        )
        return _year(run, input.year)

    @mutation(_STEP, "Record the spot check (组织抽查).")
    def hold_spot_check(run: Run, input: SpotCheckInput) -> YearPayload:
        run.app.hold_spot_check(
            year=input.year,
            unit_ids=uuids_of(input.unit_ids, "input.unitIds"),
            findings=input.findings,
            **run.command(input),
        )
        return _year(run, input.year)

    @mutation(_STEP, "Record the democratic evaluation (民主测评) by its closed campaign.")
    def record_democratic_evaluation(run: Run, input: DemocraticEvaluationInput) -> YearPayload:
        run.app.record_democratic_evaluation(
            year=input.year,
            campaign_id=uuid_of(input.campaign_id, "input.campaignId"),
            **run.command(input),
        )
        return _year(run, input.year)

    @mutation(_STEP, "Record that the scores were aggregated (汇总考核得分).")
    def aggregate_scores(run: Run, input: YearCommandInput) -> YearPayload:
        run.app.aggregate_scores(year=input.year, **run.command(input))
        return _year(run, input.year)

    @mutation(_STEP, "Record the ranking by category (分类排位).")
    def rank_units(run: Run, input: YearCommandInput) -> YearPayload:
        run.app.rank_units(year=input.year, **run.command(input))
        return _year(run, input.year)

    @mutation(Guard(Duty.REVIEW_RESULTS), "The leader's preliminary review of the results.")
    def review_results_preliminarily(run: Run, input: PreliminaryReviewInput) -> YearPayload:
        run.app.review_results_preliminarily(
            year=input.year, approve=input.approve, reason=input.reason, **run.command(input)
        )
        return _year(run, input.year)

    @mutation(_STEP, "Announce the results with an objection period (公开公示).")
    def announce_results(run: Run, input: AnnounceResultsInput) -> YearPayload:
        run.app.announce_results(
            year=input.year, objections_until=input.objections_until, **run.command(input)
        )
        return _year(run, input.year)

    @mutation(
        Guard(Duty.RAISE_OBJECTION, unit_scoped=True),
        "Raise the unit's objection during the objection period.",
    )
    def raise_objection(run: Run, input: RaiseObjectionInput) -> ObjectionRaised:
        number = run.app.raise_objection(
            year=input.year,
            unit_id=uuid_of(input.unit_id, "input.unitId"),
            grounds=input.grounds,
            **run.command(input),
        )
        return ObjectionRaised(
            number=number, assessment_year=AssessmentYearType.read(run.app, input.year)
        )

    @mutation(Guard(Duty.ANSWER_OBJECTION), "Answer an objection: upheld or not.")
    def answer_objection(run: Run, input: AnswerObjectionInput) -> YearPayload:
        run.app.answer_objection(
            year=input.year,
            number=input.number,
            upheld=input.upheld,
            answer=input.answer,
            **run.command(input),
        )
        return _year(run, input.year)

    @mutation(Guard(Duty.DECIDE_RESULTS), "Record the committee's decision on the results.")
    def decide_results(run: Run, input: DecideResultsInput) -> YearPayload:
        run.app.decide_results(year=input.year, basis=input.basis, **run.command(input))
        return _year(run, input.year)
