"""No event is stored for a rejected command (issue 3, point 5): the assessment year.

Every case goes through the application on both stores and checks the error's class,
code and field, that the log did not grow, and that nothing half-created exists.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from application.app import AssessmentApplication
from domain import errors
from domain.ids import monthly_return_id, rulebook_id, year_id
from domain.periods import OFFICE_TZ
from domain.reports.monthly_return import MonthlyReturn
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import content_hash
from domain.year import AssessmentYear
from infrastructure.clock import ManualClock
from tests.builders import (
    LEADER,
    OFFICE,
    REVIEWER,
    YEAR,
    approved_target,
    enrolled_unit,
    full_list,
    new_unit,
    open_year,
    quantitative,
    standard_rulebook,
)
from tests.scenarios import assert_rejected, topics


def registered(app: AssessmentApplication, code: str, since_year: int = YEAR) -> UUID:
    return app.register_unit(unit=new_unit(code), since_year=since_year, by=OFFICE)


def test_open_year_twice_or_out_of_range_or_by_a_reviewer(app: AssessmentApplication) -> None:
    app.open_year(year=YEAR, by=OFFICE)
    assert_rejected(app, errors.AlreadyExists, "year", lambda: app.open_year(year=YEAR, by=OFFICE))
    assert_rejected(app, errors.InvalidInput, "year", lambda: app.open_year(year=1999, by=OFFICE))
    assert_rejected(
        app, errors.Forbidden, "by.role", lambda: app.open_year(year=YEAR + 1, by=REVIEWER)
    )
    assert app.find(AssessmentYear, year_id(app.jurisdiction, YEAR + 1)) is None


def test_adopt_a_rulebook_of_another_county_publishes_nothing(app: AssessmentApplication) -> None:
    app.open_year(year=YEAR, by=OFFICE)
    foreign = standard_rulebook().model_copy(update={"jurisdiction": "other-county"})
    assert_rejected(
        app,
        errors.RulebookInvalid,
        "rulebook.jurisdiction",
        lambda: app.adopt_rulebook(year=YEAR, rulebook=foreign, by=OFFICE),
    )
    assert app.find(RulebookRecord, rulebook_id(content_hash(foreign))) is None
    assert_rejected(
        app,
        errors.NotFound,
        "year",
        lambda: app.adopt_rulebook(year=YEAR + 1, rulebook=standard_rulebook(), by=OFFICE),
    )


def test_enrol_in_an_unranked_category_or_before_the_unit_existed(
    app: AssessmentApplication,
) -> None:
    open_year(app)
    unit = registered(app, "T01")
    later = registered(app, "T02", since_year=YEAR + 1)
    assert_rejected(
        app,
        errors.UnknownCategory,
        "category",
        lambda: app.enrol_unit(year=YEAR, unit_id=unit, category="hospital", by=OFFICE),
    )
    assert_rejected(
        app,
        errors.UnitNotInYear,
        "unit_id",
        lambda: app.enrol_unit(year=YEAR, unit_id=later, by=OFFICE),
    )
    assert app.year(YEAR).roster == {}


def test_close_period_with_one_unit_short_of_100_closes_nothing(
    app: AssessmentApplication, clock: ManualClock
) -> None:
    open_year(app)
    complete, short = enrolled_unit(app, "T01"), enrolled_unit(app, "T02")
    full_list(app, complete)
    for _ in range(9):
        approved_target(app, short, quantitative())
    clock.set(datetime(YEAR, 2, 3, 9, tzinfo=OFFICE_TZ))

    assert_rejected(
        app,
        errors.TargetWeightsIncomplete,
        "unit_id",
        lambda: app.close_period(year=YEAR, period=f"{YEAR}-01", by=OFFICE),
    )
    assert app.year(YEAR).closed_months == 0
    the_year = year_id(app.jurisdiction, YEAR)
    for unit in (complete, short):
        assert app.find(MonthlyReturn, monthly_return_id(the_year, unit, f"{YEAR}-01")) is None
    assert "PeriodClosed" not in topics(app)


def test_close_a_month_that_has_not_ended_or_out_of_order(
    app: AssessmentApplication, clock: ManualClock
) -> None:
    open_year(app)
    full_list(app, enrolled_unit(app, "T01"))
    clock.set(datetime(YEAR, 1, 31, 23, tzinfo=OFFICE_TZ))
    assert_rejected(
        app,
        errors.PeriodNotEnded,
        "period",
        lambda: app.close_period(year=YEAR, period=f"{YEAR}-01", by=OFFICE),
    )
    clock.set(datetime(YEAR, 3, 3, 9, tzinfo=OFFICE_TZ))
    assert_rejected(
        app,
        errors.PeriodOutOfOrder,
        "period",
        lambda: app.close_period(year=YEAR, period=f"{YEAR}-02", by=OFFICE),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "period",
        lambda: app.close_period(year=YEAR, period=f"{YEAR}-Q1", by=OFFICE),
    )


def test_finalize_with_months_open_or_by_the_office(app: AssessmentApplication) -> None:
    open_year(app)
    assert_rejected(
        app, errors.PeriodOutOfOrder, "year", lambda: app.finalize_year(year=YEAR, by=LEADER)
    )
    assert_rejected(
        app, errors.Forbidden, "by.role", lambda: app.finalize_year(year=YEAR, by=OFFICE)
    )
