"""A year walked through its year end on the aggregate alone, up to the committee's
decision, so a test can finalize it (or stop at any step before)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from domain.evaluations.ballots import Evaluators, Scale
from domain.evaluations.campaign import EvaluationCampaign
from domain.vocabulary import EvaluationKind, Role
from domain.year import AssessmentYear
from domain.year_end.steps import YearEndStep
from tests.unit.helpers import office, office_time, stamp, unit_user

STEPS_BEFORE_ANNOUNCEMENT = (
    YearEndStep.SELF_CHECK,
    YearEndStep.CENTRALIZED_REVIEW,
    YearEndStep.SPOT_CHECK,
    YearEndStep.DEMOCRATIC_EVALUATION,
    YearEndStep.AGGREGATE_SCORE,
    YearEndStep.RANKING,
    YearEndStep.PRELIMINARY_REVIEW,
)


def closed_democratic_campaign(year: AssessmentYear, at: datetime) -> EvaluationCampaign:
    campaign = EvaluationCampaign.open(
        id=uuid4(),
        year_id=year.id,
        kind=EvaluationKind.DEMOCRATIC,
        title="年终民主测评",
        scale=Scale(lowest=Decimal(0), highest=Decimal(100)),
        evaluated_units=list(year.roster),
        evaluators=Evaluators(users=["rep-1", "rep-2"]),
        enrolled=year.roster,
        stamp=office(at=at),
    )
    campaign.close(stamp=office(at=at))
    campaign.collect_events()
    return campaign


def _self_checks(year: AssessmentYear, at: datetime) -> None:
    for unit in year.roster:
        year.submit_self_check(
            unit_id=unit, summary="自查完成", evidence=[], stamp=unit_user(unit, at=at)
        )


def _democratic(year: AssessmentYear, at: datetime) -> None:
    campaign = closed_democratic_campaign(year, at)
    year.record_democratic_evaluation(campaign=campaign, stamp=office(at=at))


def _spot_check(year: AssessmentYear, at: datetime) -> None:
    year.hold_spot_check(unit_ids=list(year.roster)[:1], findings="抽查属实", stamp=office(at=at))


_TAKE: dict[YearEndStep, Callable[[AssessmentYear, datetime], None]] = {
    YearEndStep.SELF_CHECK: _self_checks,
    YearEndStep.CENTRALIZED_REVIEW: lambda y, at: y.hold_centralized_review(
        summary="集中会审无异常", stamp=office(at=at)
    ),
    YearEndStep.SPOT_CHECK: _spot_check,
    YearEndStep.DEMOCRATIC_EVALUATION: _democratic,
    YearEndStep.AGGREGATE_SCORE: lambda y, at: y.aggregate_scores(stamp=office(at=at)),
    YearEndStep.RANKING: lambda y, at: y.rank_units(stamp=office(at=at)),
    YearEndStep.PRELIMINARY_REVIEW: lambda y, at: y.review_preliminarily(
        approve=True, stamp=stamp(Role.LEADER, at=at)
    ),
}


def take_step(year: AssessmentYear, step: YearEndStep, at: datetime) -> None:
    """Take one step before the announcement, as the role that takes it."""
    _TAKE[step](year, at)


def announced(year: AssessmentYear, start: datetime, objection_days: int = 2) -> date:
    """Every step up to and including the announcement, a day apart from `start`."""
    for offset, step in enumerate(STEPS_BEFORE_ANNOUNCEMENT):
        take_step(year, step, start + timedelta(hours=offset))
    at = start + timedelta(hours=len(STEPS_BEFORE_ANNOUNCEMENT))
    last_day = at.date() + timedelta(days=objection_days)
    year.announce_results(objections_until=last_day, stamp=office(at=at))
    return last_day


def decided(year: AssessmentYear, start: datetime | None = None) -> datetime:
    """The whole year end up to the committee's decision; returns a moment after it."""
    start = start or office_time(year.year + 1, 1, 6, 9)
    last_day = announced(year, start)
    after = office_time(last_day.year, last_day.month, last_day.day) + timedelta(days=1, hours=9)
    year.decide_results(basis="县委常委会会议纪要", stamp=stamp(Role.LEADER, at=after))
    year.collect_events()
    return after + timedelta(hours=1)
