"""The year end walked through the application, as an office does it after December
closes (三查三审一测评一公开): used by every scenario that needs a finalized year."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from application.app import AssessmentApplication
from domain.evaluations.ballots import Evaluators, Scale
from domain.periods import OFFICE_TZ
from domain.vocabulary import EvaluationKind
from infrastructure.clock import ManualClock
from tests.builders import LEADER, OFFICE, YEAR, filler

YEAR_END_STARTS = datetime(YEAR + 1, 1, 6, 9, tzinfo=OFFICE_TZ)
OBJECTIONS_UNTIL = date(YEAR + 1, 1, 9)
COMMITTEE_MEETS = datetime(YEAR + 1, 1, 10, 9, tzinfo=OFFICE_TZ)


def democratic_campaign(app: AssessmentApplication, unit_ids: Sequence[UUID]) -> UUID:
    """A closed democratic evaluation (民主测评) of the units, by two representatives."""
    campaign = app.open_campaign(
        year=YEAR,
        kind=EvaluationKind.DEMOCRATIC,
        title="年终民主测评",
        scale=Scale(lowest=Decimal(0), highest=Decimal(100)),
        evaluated_units=list(unit_ids),
        evaluators=Evaluators(users=["rep-wu", "rep-zheng"]),
        by=OFFICE,
    )
    app.close_campaign(campaign_id=campaign, by=OFFICE)
    return campaign


def announce(app: AssessmentApplication, clock: ManualClock, unit_ids: Sequence[UUID]) -> None:
    """Self-checks, review, spot check, democratic evaluation, totals, ranking, the
    leader's preliminary review and the announcement, on the morning of January 6."""
    clock.set(YEAR_END_STARTS)
    for unit_id in unit_ids:
        app.submit_self_check(year=YEAR, unit_id=unit_id, summary="自查完成", by=filler(unit_id))
    app.hold_centralized_review(year=YEAR, summary="集中会审", by=OFFICE)
    app.hold_spot_check(year=YEAR, unit_ids=list(unit_ids[:1]), findings="抽查属实", by=OFFICE)
    campaign = democratic_campaign(app, unit_ids)
    app.record_democratic_evaluation(year=YEAR, campaign_id=campaign, by=OFFICE)
    app.aggregate_scores(year=YEAR, by=OFFICE)
    app.rank_units(year=YEAR, by=OFFICE)
    app.review_results_preliminarily(year=YEAR, approve=True, by=LEADER)
    app.announce_results(year=YEAR, objections_until=OBJECTIONS_UNTIL, by=OFFICE)


def decide(app: AssessmentApplication, clock: ManualClock, unit_ids: Sequence[UUID]) -> None:
    """The whole year end up to the committee's decision on January 10."""
    announce(app, clock, unit_ids)
    clock.set(COMMITTEE_MEETS)
    app.decide_results(year=YEAR, basis="县委常委会第1次会议纪要", by=LEADER)
    clock.advance(timedelta(hours=1))
