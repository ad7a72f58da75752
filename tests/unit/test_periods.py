"""Periods of the year (月、季、半年、年): one canonical text each, ordered so that a month
comes before the quarter it ends, and bad text refused as INVALID_INPUT on `period`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import errors
from domain.periods import Period, PeriodKind, due_instant, months_of
from tests.unit.helpers import refused

periods = st.builds(
    lambda year, kind, pick: Period(
        year, kind, pick % {"month": 12, "quarter": 4, "half": 2, "year": 1}[kind] + 1
    ),
    st.integers(2000, 2100),
    st.sampled_from(list(PeriodKind)),
    st.integers(0, 11),
)


@given(periods)
def test_a_period_reads_back_from_its_text(period: Period) -> None:
    assert Period.parse(str(period)) == period
    assert hash(Period.parse(str(period))) == hash(period)


@given(periods, periods)
def test_any_two_periods_are_ordered_one_way_only(a: Period, b: Period) -> None:
    assert [a < b, a == b, b < a].count(True) == 1


@given(periods)
def test_a_period_comes_after_every_month_it_holds_but_before_the_next(period: Period) -> None:
    for month in period.months():
        assert month <= period
        assert (month == period) is (period.kind is PeriodKind.MONTH)
    assert period < period.months()[-1].next_month()


@pytest.mark.parametrize("text", ["2025-03", "2025-Q1", "2025-H2", "2025"])
def test_the_canonical_texts_round_trip(text: str) -> None:
    assert str(Period.parse(text)) == text


def test_march_comes_before_the_first_quarter_which_comes_before_the_first_half() -> None:
    march, q1, h1, year = (Period.parse(t) for t in ("2025-03", "2025-Q1", "2025-H1", "2025"))
    assert sorted([year, h1, q1, march]) == [march, q1, h1, year]
    assert Period.parse("2024") < Period.parse("2025-01")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2025-13",
        "2025-00",
        "2025-3",
        "2025-Q5",
        "2025-Q0",
        "2025-H3",
        "25-03",
        "2025-03 ",
        "2025/03",
        "Q1-2025",
    ],
)
def test_text_that_is_not_a_period_is_refused(text: str) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "period"):
        Period.parse(text)


def test_the_refusal_names_the_callers_field() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "as_of"):
        Period.parse("yesterday", field="as_of")


def test_a_quarter_holds_its_three_months_and_no_other() -> None:
    q2 = Period.parse("2025-Q2")
    assert [str(m) for m in q2.months()] == ["2025-04", "2025-05", "2025-06"]
    assert q2.contains(Period.month(2025, 6))
    assert not q2.contains(Period.month(2025, 7))
    assert not q2.contains(Period.month(2024, 5))


def test_december_is_followed_by_next_januaries() -> None:
    assert Period.month(2025, 12).next_month() == Period.month(2026, 1)
    assert months_of(2025)[-1].next_month() == Period.parse("2026-01")


def test_only_a_month_has_a_next_month() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "period"):
        Period.parse("2025-Q4").next_month()


def test_decembers_reports_are_due_in_january_of_the_next_year() -> None:
    due = due_instant(Period.month(2025, 12), 5)
    assert due == datetime(2026, 1, 5, 15, 59, 59, 999999, tzinfo=UTC)
