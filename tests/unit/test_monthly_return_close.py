"""Closing a unit's monthly return records the facts of lateness (due by the rulebook's
day of the next month, office time): a missing report, a late first submission — and
nothing at all for a report that came on time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain import errors
from domain.periods import Period, due_instant
from domain.reports.evidence import Progress
from domain.reports.monthly_return import MonthlyReturn
from domain.targets.target import Target
from domain.vocabulary import Role
from tests.builders import quantitative
from tests.unit.helpers import (
    TOWN,
    YEAR_ID,
    approved,
    event_names,
    office,
    office_time,
    refused,
    stamp,
    target_list,
    unit_user,
)

MARCH = Period.month(2025, 3)
DUE_DAY = 5
DUE = due_instant(MARCH, DUE_DAY)
APRIL_6 = office_time(2025, 4, 6, 9)
MARCH_1 = office_time(2025, 3, 1)
VALUE = Progress(value=Decimal(3))


def _setting(count: int) -> tuple[MonthlyReturn, list[Target]]:
    monthly = MonthlyReturn.open(year_id=YEAR_ID, unit_id=TOWN, month=MARCH, stamp=office())
    monthly.collect_events()
    targets = target_list()
    return monthly, [targets.target(approved(targets, quantitative())) for _ in range(count)]


def _report(monthly: MonthlyReturn, target: Target, at: datetime) -> None:
    monthly.report(target=target, progress=VALUE, stamp=unit_user(TOWN, at=at))
    monthly.collect_events()


def _close(monthly: MonthlyReturn, expected: list[Target]) -> list[MonthlyReturn.Event]:
    monthly.close(expected=expected, due_day=DUE_DAY, stamp=office(at=APRIL_6))
    return list(monthly.collect_events())  # type: ignore[arg-type]


def test_march_reports_are_due_at_the_end_of_the_fifth_of_april_office_time() -> None:
    # 23:59:59.999999 on 5 April in the county is 15:59:59.999999 UTC.
    assert due_instant(MARCH, DUE_DAY) == datetime(2025, 4, 5, 15, 59, 59, 999999, tzinfo=UTC)


def test_an_expected_target_without_a_report_is_recorded_missing() -> None:
    monthly, [road] = _setting(1)
    missing, closed = _close(monthly, [road])
    assert isinstance(missing, MonthlyReturn.ReportMissing)
    assert (missing.target_id, missing.due_at) == (road.id, DUE)
    assert missing.meta.effective_period == "2025-03"
    assert isinstance(closed, MonthlyReturn.Closed)


def test_a_report_first_submitted_after_the_due_instant_is_recorded_late() -> None:
    monthly, [road] = _setting(1)
    just_after = office_time(2025, 4, 6, 0, 0)
    _report(monthly, road, just_after)
    late, _ = _close(monthly, [road])
    assert isinstance(late, MonthlyReturn.ReportLate)
    assert (late.target_id, late.due_at, late.submitted_at) == (road.id, DUE, just_after)


def test_a_report_submitted_on_the_due_day_is_on_time_and_leaves_no_fact() -> None:
    monthly, [road] = _setting(1)
    _report(monthly, road, office_time(2025, 4, 5, 23, 59))
    assert [type(e).__name__ for e in _close(monthly, [road])] == ["Closed"]


def test_lateness_is_judged_by_the_first_submission_not_a_resubmission() -> None:
    monthly, [road] = _setting(1)
    _report(monthly, road, office_time(2025, 3, 28))
    monthly.verify(target_id=road.id, approve=False, stamp=stamp(Role.REVIEWER, reason="数据有误"))
    _report(monthly, road, office_time(2025, 4, 6, 8))
    assert [type(e).__name__ for e in _close(monthly, [road])] == ["Closed"]


def test_only_expected_targets_are_missing_and_in_number_order() -> None:
    monthly, [first, second, third] = _setting(3)
    _report(monthly, second, office_time(2025, 3, 30))
    events = _close(monthly, [third, first, second])
    missing = [e.target_id for e in events if isinstance(e, MonthlyReturn.ReportMissing)]
    assert missing == [first.id, third.id]


def test_a_closed_return_takes_no_more_reports() -> None:
    monthly, [road] = _setting(1)
    _close(monthly, [])
    with refused(monthly, errors.PeriodClosed, "PERIOD_CLOSED", "period"):
        monthly.report(target=road, progress=VALUE, stamp=unit_user(TOWN, at=APRIL_6))


def test_a_return_is_closed_once() -> None:
    monthly, [road] = _setting(1)
    _close(monthly, [])
    with refused(monthly, errors.PeriodClosed, "PERIOD_CLOSED", "period"):
        monthly.close(expected=[road], due_day=DUE_DAY, stamp=office(at=APRIL_6))


def test_only_the_assessment_office_closes_a_return() -> None:
    monthly, [road] = _setting(1)
    with refused(monthly, errors.Forbidden, "FORBIDDEN", "by.role"):
        monthly.close(expected=[road], due_day=DUE_DAY, stamp=stamp(Role.REVIEWER, at=APRIL_6))


def test_a_reviewer_may_still_verify_after_the_close() -> None:
    monthly, [road] = _setting(1)
    _report(monthly, road, office_time(2025, 3, 30))
    _close(monthly, [road])
    monthly.verify(target_id=road.id, approve=True, stamp=stamp(Role.REVIEWER, at=APRIL_6))
    assert event_names(monthly) == ["ProgressVerified"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 40 * 24 * 60)), min_size=1, max_size=5))
def test_each_expected_target_is_on_time_late_or_missing_exactly_once(
    minutes_into_march: list[int | None],
) -> None:
    monthly, expected = _setting(len(minutes_into_march))
    first_submitted = {}
    for target, minutes in zip(expected, minutes_into_march, strict=True):
        if minutes is not None:
            first_submitted[target.id] = MARCH_1 + timedelta(minutes=minutes)
            _report(monthly, target, first_submitted[target.id])
    events = _close(monthly, expected)
    missing = {e.target_id for e in events if isinstance(e, MonthlyReturn.ReportMissing)}
    late = {e.target_id for e in events if isinstance(e, MonthlyReturn.ReportLate)}
    assert missing == {t.id for t in expected} - set(first_submitted)
    assert late == {t for t, at in first_submitted.items() if at > DUE}
    assert len(events) == len(missing) + len(late) + 1
