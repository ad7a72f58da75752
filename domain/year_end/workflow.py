"""The rules of the year end: who takes each step, and that steps come in order.

The workflow starts once December is closed; its last step is the leader's finalization
(`AssessmentYear.finalize`), which now needs the committee's decision before it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty, require_own_unit
from domain.checks import require_text
from domain.evaluations.campaign import EvaluationCampaign
from domain.events import Stamp
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Evidence
from domain.vocabulary import EvaluationKind
from domain.year_end.events import YearEndEvents
from domain.year_end.steps import YearEndState
from domain.year_end.steps import YearEndStep as Step

# Seeds are silent on how long results stand announced (公示); offices use days to weeks.
LONGEST_OBJECTION_PERIOD = timedelta(days=30)


class YearEndWorkflow(YearEndEvents):
    year: int
    roster: dict[UUID, str]
    closed_months: int
    finalized: bool
    year_end: YearEndState

    def submit_self_check(
        self, *, unit_id: UUID, summary: str, evidence: list[Evidence], stamp: Stamp
    ) -> None:
        require_duty(stamp.actor_role, Duty.SUBMIT_SELF_CHECK)
        require_own_unit(stamp.actor_role, stamp.acting_unit, unit_id)
        self._require_not_finalized()
        if self.closed_months < 12:
            raise errors.PeriodOutOfOrder(
                "the year end starts once December is closed", field="year"
            )
        if self.year_end.reached is not None:
            self.year_end.require_next(Step.SELF_CHECK, self.roster)
        if unit_id not in self.roster:
            raise errors.NotEnrolled(f"the unit is not assessed in {self.year}", field="unit_id")
        if unit_id in self.year_end.self_checked:
            raise errors.AlreadyExists("the unit has checked itself already", field="unit_id")
        require_text(summary, "summary")
        self._record(
            self.SelfCheckSubmitted,
            stamp,
            unit_id=unit_id,
            summary=summary.strip(),
            evidence=evidence,
        )

    def hold_centralized_review(self, *, summary: str, stamp: Stamp) -> None:
        self._take(Step.CENTRALIZED_REVIEW, Duty.CONDUCT_YEAR_END, stamp)
        require_text(summary, "summary")
        self._record(self.CentralizedReviewHeld, stamp, summary=summary.strip())

    def hold_spot_check(self, *, unit_ids: list[UUID], findings: str, stamp: Stamp) -> None:
        self._take(Step.SPOT_CHECK, Duty.CONDUCT_YEAR_END, stamp)
        _require_units(unit_ids, self.roster)
        require_text(findings, "findings")
        self._record(self.SpotCheckHeld, stamp, unit_ids=unit_ids, findings=findings.strip())

    def record_democratic_evaluation(self, *, campaign: EvaluationCampaign, stamp: Stamp) -> None:
        self._take(Step.DEMOCRATIC_EVALUATION, Duty.CONDUCT_YEAR_END, stamp)
        if campaign.year_id != self.id or campaign.kind is not EvaluationKind.DEMOCRATIC:
            raise errors.InvalidInput(
                f"not a democratic evaluation of {self.year}", field="campaign_id"
            )
        if not campaign.closed:
            raise errors.InvalidInput(
                "the democratic evaluation is still collecting ballots", field="campaign_id"
            )
        self._record(self.DemocraticEvaluationHeld, stamp, campaign_id=campaign.id)

    def aggregate_scores(self, *, stamp: Stamp) -> None:
        self._take(Step.AGGREGATE_SCORE, Duty.CONDUCT_YEAR_END, stamp)
        self._record(self.ScoresAggregated, stamp)

    def rank_units(self, *, stamp: Stamp) -> None:
        self._take(Step.RANKING, Duty.CONDUCT_YEAR_END, stamp)
        self._record(self.UnitsRanked, stamp)

    def review_preliminarily(self, *, approve: bool, stamp: Stamp) -> None:
        self._take(Step.PRELIMINARY_REVIEW, Duty.REVIEW_RESULTS, stamp)
        if approve:
            self._record(self.PreliminaryReviewPassed, stamp)
            return
        require_text(stamp.reason, "reason")
        self._record(self.PreliminaryReviewReturned, stamp)

    def announce_results(self, *, objections_until: date, stamp: Stamp) -> None:
        self._take(Step.PUBLIC_ANNOUNCEMENT, Duty.CONDUCT_YEAR_END, stamp)
        today = _day_of(stamp)
        if not today < objections_until <= today + LONGEST_OBJECTION_PERIOD:
            raise errors.InvalidInput(
                "the objection period ends after today and within 30 days",
                field="objections_until",
            )
        self._record(self.ResultsAnnounced, stamp, objections_until=objections_until)

    def raise_objection(self, *, unit_id: UUID, grounds: str, stamp: Stamp) -> int:
        require_duty(stamp.actor_role, Duty.RAISE_OBJECTION)
        require_own_unit(stamp.actor_role, stamp.acting_unit, unit_id)
        self._require_not_finalized()
        if self.year_end.completed(Step.COMMITTEE_DECISION, self.roster):
            raise errors.ObjectionPeriodOver("the committee has decided", field="year")
        last_day = self.year_end.require_announced()
        if _day_of(stamp) > last_day:
            raise errors.ObjectionPeriodOver(f"objections closed on {last_day}", field="year")
        if unit_id not in self.roster:
            raise errors.NotEnrolled(f"the unit is not assessed in {self.year}", field="unit_id")
        require_text(grounds, "grounds")
        number = len(self.year_end.objections) + 1
        self._record(
            self.ObjectionRaised, stamp, number=number, unit_id=unit_id, grounds=grounds.strip()
        )
        return number

    def answer_objection(self, *, number: int, upheld: bool, answer: str, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.ANSWER_OBJECTION)
        self._require_not_finalized()
        self.year_end.require_announced()
        objection = self.year_end.objections.get(number)
        if objection is None:
            raise errors.NotFound(f"no objection number {number}", field="number")
        if objection.answered:
            raise errors.ObjectionStateInvalid("the objection is answered already", field="number")
        require_text(answer, "answer")
        self._record(
            self.ObjectionAnswered, stamp, number=number, upheld=upheld, answer=answer.strip()
        )

    def decide_results(self, *, basis: str, stamp: Stamp) -> None:
        self._take(Step.COMMITTEE_DECISION, Duty.DECIDE_RESULTS, stamp)
        last_day = self.year_end.require_announced()
        if _day_of(stamp) <= last_day:
            raise errors.YearEndStepOutOfOrder(
                f"the objection period runs until {last_day}", field="year"
            )
        if unanswered := self.year_end.unanswered():
            raise errors.ObjectionsUnanswered(
                f"objection(s) {unanswered} are not answered", field="objections"
            )
        require_text(basis, "basis")
        self._record(self.ResultsDecided, stamp, basis=basis.strip())

    def _take(self, step: Step, duty: Duty, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, duty)
        self._require_not_finalized()
        self.year_end.require_next(step, self.roster)

    def _require_not_finalized(self) -> None:
        if self.finalized:
            raise errors.YearFinalized(f"{self.year} is finalized", field="year")


def _day_of(stamp: Stamp) -> date:
    return stamp.at.astimezone(OFFICE_TZ).date()


def _require_units(unit_ids: list[UUID], roster: Collection[UUID]) -> None:
    if not unit_ids or len(set(unit_ids)) != len(unit_ids):
        raise errors.InvalidInput("name the distinct units spot-checked", field="unit_ids")
    if any(unit not in roster for unit in unit_ids):
        raise errors.NotEnrolled("a spot-checked unit is not assessed", field="unit_ids")
