"""The year end (三查三审一测评一公开): unit self-check, centralized review, spot check,
democratic evaluation, totals, ranking, the leader's preliminary review, public
announcement with objections, committee decision, final and locked — in that order."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain import errors
from domain.evaluations.ballots import Evaluators, Scale
from domain.evaluations.campaign import EvaluationCampaign
from domain.events import Stamp
from domain.vocabulary import EvaluationKind, Role
from domain.year import AssessmentYear
from domain.year_end.steps import YEAR_END_ORDER, YearEndStep
from tests.unit.helpers import (
    DEPARTMENT,
    TOWN,
    YEAR,
    close_months,
    event_names,
    office,
    office_time,
    open_year,
    refused,
    stamp,
    unit_user,
)
from tests.unit.year_end_helpers import (
    STEPS_BEFORE_ANNOUNCEMENT,
    announced,
    closed_democratic_campaign,
    decided,
    take_step,
)

FULL = {TOWN: Decimal(100), DEPARTMENT: Decimal(100)}
JAN_6 = office_time(YEAR + 1, 1, 6, 9)
Step = YearEndStep


def december_closed() -> AssessmentYear:
    year = open_year(units={TOWN: "town", DEPARTMENT: "party_department"})
    close_months(year, 12, FULL)
    return year


def leader(at: datetime = JAN_6, reason: str | None = None) -> Stamp:
    return stamp(Role.LEADER, at=at, reason=reason)


def test_the_year_end_runs_in_order_to_the_lock() -> None:
    year = december_closed()
    after = decided(year, JAN_6)
    year.finalize(stamp=leader(after))
    assert year.finalized
    assert year.year_end.reached is Step.FINAL


def test_the_year_end_starts_once_december_is_closed() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 11, {TOWN: Decimal(100)})
    with refused(year, errors.PeriodOutOfOrder, "PERIOD_OUT_OF_ORDER", "year"):
        year.submit_self_check(unit_id=TOWN, summary="自查", evidence=[], stamp=unit_user(TOWN))


def test_the_centralized_review_waits_for_every_units_self_check() -> None:
    year = december_closed()
    year.submit_self_check(unit_id=TOWN, summary="自查", evidence=[], stamp=unit_user(TOWN))
    year.collect_events()
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.hold_centralized_review(summary="会审", stamp=office(at=JAN_6))
    with refused(year, errors.AlreadyExists, "ALREADY_EXISTS", "unit_id"):
        year.submit_self_check(unit_id=TOWN, summary="再查", evidence=[], stamp=unit_user(TOWN))
    with refused(year, errors.Forbidden, "FORBIDDEN", "unit_id"):
        year.submit_self_check(
            unit_id=DEPARTMENT, summary="代查", evidence=[], stamp=unit_user(TOWN)
        )


def test_a_step_out_of_order_is_refused() -> None:
    year = december_closed()
    take_step(year, Step.SELF_CHECK, JAN_6)
    year.collect_events()
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.rank_units(stamp=office(at=JAN_6))
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.finalize(stamp=leader())
    take_step(year, Step.CENTRALIZED_REVIEW, JAN_6)
    year.collect_events()
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.hold_centralized_review(summary="再审", stamp=office(at=JAN_6))
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.submit_self_check(unit_id=TOWN, summary="补查", evidence=[], stamp=unit_user(TOWN))


def test_the_democratic_evaluation_step_names_a_closed_democratic_campaign_of_the_year() -> None:
    year = december_closed()
    for step in STEPS_BEFORE_ANNOUNCEMENT[:3]:
        take_step(year, step, JAN_6)
    year.collect_events()
    still_open = EvaluationCampaign.open(
        id=uuid4(),
        year_id=year.id,
        kind=EvaluationKind.DEMOCRATIC,
        title="民主测评",
        scale=Scale(lowest=Decimal(0), highest=Decimal(100)),
        evaluated_units=[TOWN],
        evaluators=Evaluators(users=["rep-1"]),
        enrolled=year.roster,
        stamp=office(at=JAN_6),
    )
    with refused(year, errors.InvalidInput, "INVALID_INPUT", "campaign_id"):
        year.record_democratic_evaluation(campaign=still_open, stamp=office(at=JAN_6))
    mutual = closed_democratic_campaign(year, JAN_6)
    mutual.kind = EvaluationKind.MUTUAL
    with refused(year, errors.InvalidInput, "INVALID_INPUT", "campaign_id"):
        year.record_democratic_evaluation(campaign=mutual, stamp=office(at=JAN_6))


def test_a_returned_preliminary_review_sends_the_office_back_to_total_and_rank() -> None:
    year = december_closed()
    for step in STEPS_BEFORE_ANNOUNCEMENT[:6]:
        take_step(year, step, JAN_6)
    year.collect_events()
    with refused(year, errors.InvalidInput, "INVALID_INPUT", "reason"):
        year.review_preliminarily(approve=False, stamp=leader())
    with refused(year, errors.Forbidden, "FORBIDDEN", "by.role"):
        year.review_preliminarily(approve=True, stamp=office(at=JAN_6))
    year.review_preliminarily(approve=False, stamp=leader(reason="D01加分依据不足，重新汇总"))
    assert year.year_end.next_step(year.roster) is Step.AGGREGATE_SCORE
    for step in (Step.AGGREGATE_SCORE, Step.RANKING, Step.PRELIMINARY_REVIEW):
        take_step(year, step, JAN_6)
    assert event_names(year)[-3:] == ["ScoresAggregated", "UnitsRanked", "PreliminaryReviewPassed"]


def test_objections_during_the_period_are_recorded_and_each_answered() -> None:
    year = december_closed()
    last_day = announced(year, JAN_6)
    year.collect_events()
    during = office_time(last_day.year, last_day.month, last_day.day, 17)
    number = year.raise_objection(
        unit_id=TOWN, grounds="红旗加分未计入", stamp=unit_user(TOWN, at=during)
    )
    assert number == 1
    with refused(year, errors.Forbidden, "FORBIDDEN", "unit_id"):
        year.raise_objection(unit_id=DEPARTMENT, grounds="代提", stamp=unit_user(TOWN, at=during))
    after = during + timedelta(days=1)
    with refused(year, errors.ObjectionPeriodOver, "OBJECTION_PERIOD_OVER", "year"):
        year.raise_objection(unit_id=TOWN, grounds="迟到", stamp=unit_user(TOWN, at=after))
    with refused(year, errors.ObjectionsUnanswered, "OBJECTIONS_UNANSWERED", "objections"):
        year.decide_results(basis="常委会纪要", stamp=leader(after))
    with refused(year, errors.NotFound, "NOT_FOUND", "number"):
        year.answer_objection(number=2, upheld=True, answer="-", stamp=office(at=after))
    year.answer_objection(number=1, upheld=True, answer="已补计红旗加分", stamp=office(at=after))
    with refused(year, errors.ObjectionStateInvalid, "OBJECTION_STATE_INVALID", "number"):
        year.answer_objection(number=1, upheld=False, answer="再答", stamp=office(at=after))
    year.decide_results(basis="常委会纪要", stamp=leader(after))
    assert event_names(year) == ["ResultsDecided"]
    assert year.year_end.objections[1].answered
    assert year.year_end.reached is Step.COMMITTEE_DECISION


def test_the_committee_does_not_decide_while_the_objection_period_runs() -> None:
    year = december_closed()
    last_day = announced(year, JAN_6)
    year.collect_events()
    on_last_day = office_time(last_day.year, last_day.month, last_day.day, 23, 59)
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.decide_results(basis="纪要", stamp=leader(on_last_day))


def test_the_objection_period_ends_after_today_and_within_a_month() -> None:
    year = december_closed()
    for offset, step in enumerate(STEPS_BEFORE_ANNOUNCEMENT):
        take_step(year, step, JAN_6 + timedelta(hours=offset))
    year.collect_events()
    today = JAN_6.date()
    for until in (today, today + timedelta(days=31)):
        with refused(year, errors.InvalidInput, "INVALID_INPUT", "objections_until"):
            year.announce_results(objections_until=until, stamp=office(at=JAN_6))


def test_no_objection_before_the_announcement_nor_after_the_lock() -> None:
    year = december_closed()
    with refused(year, errors.YearEndStepOutOfOrder, "YEAR_END_STEP_OUT_OF_ORDER", "year"):
        year.raise_objection(unit_id=TOWN, grounds="早", stamp=unit_user(TOWN, at=JAN_6))
    after = decided(year, JAN_6)
    year.finalize(stamp=leader(after))
    year.collect_events()
    with refused(year, errors.YearFinalized, "YEAR_FINALIZED", "year"):
        year.raise_objection(unit_id=TOWN, grounds="晚", stamp=unit_user(TOWN, at=after))
    with refused(year, errors.YearFinalized, "YEAR_FINALIZED", "year"):
        year.aggregate_scores(stamp=office(at=after))


STEP_ACTIONS = [*STEPS_BEFORE_ANNOUNCEMENT, Step.PUBLIC_ANNOUNCEMENT, Step.COMMITTEE_DECISION]


def _attempt(year: AssessmentYear, step: Step, hour: int) -> None:
    at = JAN_6 + timedelta(hours=hour)
    if step is Step.PUBLIC_ANNOUNCEMENT:
        year.announce_results(objections_until=date(YEAR + 1, 1, 8), stamp=office(at=at))
    elif step is Step.COMMITTEE_DECISION:
        year.decide_results(
            basis="纪要", stamp=leader(office_time(YEAR + 1, 1, 9, 9) + (at - JAN_6))
        )
    else:
        take_step(year, step, at)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.none() | st.sampled_from(STEP_ACTIONS), max_size=24))
def test_any_sequence_of_steps_advances_only_to_the_next_or_changes_nothing(
    attempts: list[Step | None],
) -> None:
    """None stands for "the step that is due", so sequences also reach the late steps."""
    year = december_closed()
    for hour, chosen in enumerate(attempts):
        expected = year.year_end.next_step(year.roster)
        step = chosen or expected
        if step is Step.FINAL:
            continue
        before = (year.version, year.year_end.reached, set(year.year_end.self_checked))
        try:
            _attempt(year, step, hour)
        except errors.DomainError:
            assert step is not expected
            assert (year.version, year.year_end.reached, year.year_end.self_checked) == before
            assert year.pending_events == []
            continue
        year.collect_events()
        assert step is expected
        assert year.year_end.completed(step, year.roster)
        assert YEAR_END_ORDER.index(year.year_end.next_step(year.roster)) == (
            YEAR_END_ORDER.index(step) + 1
        )
    event(f"reached {year.year_end.reached}")
