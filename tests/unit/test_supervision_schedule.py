"""Overdue cases and missed progress reports are computed from a case and a moment, never
typed in: ten days a push for a general case (10天一推进), more often the higher the level."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.supervision.schedule import ReportingClock, missed_progress, overdue
from domain.supervision.states import CaseStep
from domain.supervision.terms import ATTENTION_TERMS, PROGRESS_INTERVALS, SupervisionMode
from domain.vocabulary import AttentionLevel
from tests.unit.helpers import office_time
from tests.unit.supervision_helpers import DEADLINE, opened_case, supervision, take

S = CaseStep
ASSIGNED = office_time(2025, 1, 6, 9)


def test_the_four_levels_set_mode_and_interval_as_the_seeds_describe() -> None:
    days = {level: terms.progress_every.days for level, terms in ATTENTION_TERMS.items()}
    assert days == {
        AttentionLevel.GENERAL: 10,
        AttentionLevel.ATTENTION: 7,
        AttentionLevel.KEY: 3,
        AttentionLevel.SPECIAL: 1,
    }
    assert ATTENTION_TERMS[AttentionLevel.SPECIAL].mode is SupervisionMode.STATIONED


def test_a_general_case_without_reports_misses_one_every_ten_days() -> None:
    case = opened_case()
    take(case, S.ASSIGN, at=ASSIGNED)
    missed = case.missed_progress(office_time(2025, 1, 27))
    assert [m.due_at for m in missed] == [ASSIGNED + timedelta(days=10 * k) for k in (1, 2)]
    assert case.missed_progress(office_time(2025, 1, 16, 8)) == []


def test_a_report_within_the_ten_days_meets_the_due_report() -> None:
    case = opened_case()
    take(case, S.ASSIGN, at=ASSIGNED)
    take(case, S.COMMIT, at=ASSIGNED + timedelta(days=1))
    take(case, S.REPORT_PROGRESS, at=ASSIGNED + timedelta(days=9))
    missed = case.missed_progress(office_time(2025, 1, 27))
    assert [m.due_at for m in missed] == [ASSIGNED + timedelta(days=20)]


def test_a_key_case_owes_a_report_every_three_days_from_its_new_level() -> None:
    case = opened_case()
    take(case, S.ASSIGN, at=ASSIGNED)
    raised = ASSIGNED + timedelta(days=4)
    case.adjust_attention_level(level=AttentionLevel.KEY, stamp=supervision(raised, "进展缓慢"))
    missed = case.missed_progress(raised + timedelta(days=7))
    assert [m.due_at for m in missed] == [raised + timedelta(days=3), raised + timedelta(days=6)]


def test_the_rectification_report_stops_the_clock_and_a_failed_verification_restarts_it() -> None:
    case = opened_case()
    take(case, S.ASSIGN, at=ASSIGNED)
    take(case, S.COMMIT, S.REPORT_PROGRESS, at=ASSIGNED + timedelta(days=2))
    take(case, S.REPORT_RECTIFICATION, at=ASSIGNED + timedelta(days=5))
    assert case.missed_progress(ASSIGNED + timedelta(days=60)) == []
    failed = ASSIGNED + timedelta(days=30)
    take(case, S.FAIL_VERIFICATION, at=failed)
    missed = case.missed_progress(failed + timedelta(days=10))
    assert [m.due_at for m in missed] == [failed + timedelta(days=10)]


def test_an_unassigned_case_owes_no_progress() -> None:
    assert opened_case().missed_progress(office_time(2025, 6, 1)) == []


def test_a_case_is_overdue_from_the_day_after_its_deadline() -> None:
    case = opened_case()
    take(case, S.ASSIGN, at=ASSIGNED)
    assert case.overdue(office_time(2025, 3, 31, 23, 59)) is None
    late = case.overdue(office_time(2025, 4, 1, 0, 1))
    assert late is not None
    assert (late.days, late.settled) == (1, False)
    later = case.overdue(office_time(2025, 4, 10, 12))
    assert later is not None
    assert later.days == 10


def test_a_case_rectified_in_time_and_verified_later_is_not_overdue() -> None:
    case = opened_case()
    take(case, S.ASSIGN, S.COMMIT, S.REPORT_PROGRESS, at=ASSIGNED)
    take(case, S.REPORT_RECTIFICATION, at=office_time(2025, 3, 30))
    take(case, S.PASS_VERIFICATION, at=office_time(2025, 4, 8))
    assert case.overdue(office_time(2025, 6, 1)) is None


def test_a_case_rectified_late_is_overdue_by_the_days_until_its_report() -> None:
    case = opened_case()
    take(case, S.ASSIGN, S.COMMIT, at=ASSIGNED)
    take(case, S.REPORT_RECTIFICATION, at=office_time(2025, 4, 3, 11))
    take(case, S.PASS_VERIFICATION, at=office_time(2025, 4, 20))
    late = case.overdue(office_time(2025, 6, 1))
    assert late is not None
    assert (late.days, late.settled) == (3, True)


def test_an_escalated_case_stops_counting_overdue_days() -> None:
    case = opened_case()
    take(case, S.ASSIGN, at=ASSIGNED)
    take(case, S.ESCALATE, at=office_time(2025, 4, 5, 10))
    late = case.overdue(office_time(2025, 12, 31))
    assert late is not None
    assert (late.days, late.settled) == (5, True)


moments = st.integers(min_value=0, max_value=24 * 120).map(lambda h: ASSIGNED + timedelta(hours=h))
levels = st.sampled_from(list(AttentionLevel))


@settings(max_examples=150, deadline=None)
@given(levels, st.lists(moments, max_size=30), moments, moments)
def test_what_was_missed_by_a_moment_stays_missed_later(
    level: AttentionLevel, reports: list[datetime], first: datetime, second: datetime
) -> None:
    clock = ReportingClock()
    clock.start(ASSIGNED, level)
    for moment in reports:
        clock.report(moment)
    earlier, later = sorted((first, second))
    missed_then = missed_progress(clock, earlier)
    missed_now = missed_progress(clock, later)
    assert missed_now[: len(missed_then)] == missed_then
    every = PROGRESS_INTERVALS[level]
    owed = int((later - ASSIGNED) / every)
    assert len(missed_now) <= owed
    for miss in missed_now:
        assert not any(miss.window_start < r <= miss.due_at for r in reports)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=-24 * 40, max_value=24 * 40), st.booleans())
def test_overdue_days_count_begun_days_past_the_deadline(hours: int, settled: bool) -> None:
    end_of_deadline = office_time(2025, 4, 1)
    moment = end_of_deadline + timedelta(hours=hours)
    result = overdue(deadline=DEADLINE, settled_at=moment if settled else None, at=moment)
    if hours <= 0:
        assert result is None
    else:
        assert result is not None
        assert result.days == -(-hours // 24)
        assert result.settled is settled
