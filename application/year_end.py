"""Commands of the year-end workflow (三查三审一测评一公开, DOMAIN.md §6), one per step:
units check themselves, the office reviews, spot-checks, records the democratic
evaluation, totals and ranks, a leader reviews, the office announces and answers the
units' objections, the committee decides; `finalize_year` (years.py) then locks."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain.actors import Actor
from domain.evaluations.campaign import EvaluationCampaign
from domain.reports.evidence import Evidence


class YearEndCommands(AssessmentBase):
    @command
    def submit_self_check(
        self,
        *,
        year: int,
        unit_id: UUID,
        summary: str,
        evidence: list[Evidence] | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.submit_self_check(
            unit_id=unit_id, summary=summary, evidence=evidence or [], stamp=self.stamp(by)
        )
        return Outcome(assessment.id, assessment)

    @command
    def hold_centralized_review(
        self, *, year: int, summary: str, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.hold_centralized_review(summary=summary, stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)

    @command
    def hold_spot_check(
        self,
        *,
        year: int,
        unit_ids: list[UUID],
        findings: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.hold_spot_check(unit_ids=unit_ids, findings=findings, stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)

    @command
    def record_democratic_evaluation(
        self, *, year: int, campaign_id: UUID, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        campaign = self.read(EvaluationCampaign, campaign_id, field="campaign_id")
        assessment.record_democratic_evaluation(campaign=campaign, stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)

    @command
    def aggregate_scores(
        self, *, year: int, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.aggregate_scores(stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)

    @command
    def rank_units(
        self, *, year: int, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.rank_units(stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)

    @command
    def review_results_preliminarily(
        self,
        *,
        year: int,
        approve: bool,
        reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.review_preliminarily(approve=approve, stamp=self.stamp(by, reason))
        return Outcome(assessment.id, assessment)

    @command
    def announce_results(
        self, *, year: int, objections_until: date, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.announce_results(objections_until=objections_until, stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)

    @command
    def raise_objection(
        self,
        *,
        year: int,
        unit_id: UUID,
        grounds: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[int]:
        assessment = self.year(year, copy=True)
        number = assessment.raise_objection(unit_id=unit_id, grounds=grounds, stamp=self.stamp(by))
        return Outcome(number, assessment)

    @command
    def answer_objection(
        self,
        *,
        year: int,
        number: int,
        upheld: bool,
        answer: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[int]:
        assessment = self.year(year, copy=True)
        assessment.answer_objection(
            number=number, upheld=upheld, answer=answer, stamp=self.stamp(by)
        )
        return Outcome(number, assessment)

    @command
    def decide_results(
        self, *, year: int, basis: str, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.decide_results(basis=basis, stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)
