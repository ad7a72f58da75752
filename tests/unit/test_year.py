"""The assessment year (考核年度): who opens it, which rulebook scores it, who is assessed,
how months close, and how a finalized year changes only by a recorded amendment."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain import errors
from domain.vocabulary import Role
from domain.year import AssessmentYear
from tests.unit.helpers import (
    DEPARTMENT,
    JURISDICTION,
    TOWN,
    YEAR,
    YEAR_ID,
    close_months,
    event_names,
    office,
    open_year,
    refused,
    rulebook,
    stamp,
)

FULL = {TOWN: Decimal(100)}


def test_only_the_assessment_office_opens_a_year() -> None:
    for role in (Role.LEADER, Role.REVIEWER, Role.UNIT, Role.INSPECTOR, Role.PUBLIC):
        with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
            AssessmentYear.open(jurisdiction=JURISDICTION, year=YEAR, stamp=stamp(role))


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_outside_2000_to_2100_is_refused(year: int) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "year"):
        AssessmentYear.open(jurisdiction=JURISDICTION, year=year, stamp=office())


def test_a_year_needs_a_jurisdiction() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "jurisdiction"):
        AssessmentYear.open(jurisdiction="  ", year=YEAR, stamp=office())


def test_the_year_id_is_the_jurisdiction_and_year() -> None:
    year = AssessmentYear.open(jurisdiction=JURISDICTION, year=YEAR, stamp=office())
    assert year.id == YEAR_ID
    assert event_names(year) == ["Opened"]


def test_only_the_assessment_office_adopts_a_rulebook() -> None:
    year = open_year(adopted=False)
    with refused(year, errors.Forbidden, "FORBIDDEN", "by.role"):
        year.adopt_rulebook(
            rulebook=rulebook(), rulebook_id=YEAR_ID, sha256="a" * 64, stamp=stamp(Role.LEADER)
        )


def test_a_rulebook_of_another_county_is_not_adopted() -> None:
    year = open_year(adopted=False)
    foreign = rulebook().model_copy(update={"jurisdiction": "other-county"})
    with refused(year, errors.RulebookInvalid, "RULEBOOK_INVALID", "rulebook.jurisdiction"):
        year.adopt_rulebook(rulebook=foreign, rulebook_id=YEAR_ID, sha256="b" * 64, stamp=office())


def test_a_revised_rulebook_may_replace_the_first_before_any_month_closes() -> None:
    year = open_year(units={TOWN: "town"})
    year.adopt_rulebook(rulebook=rulebook(), rulebook_id=TOWN, sha256="c" * 64, stamp=office())
    assert event_names(year) == ["RulebookAdopted"]
    assert year.rulebook_sha256 == "c" * 64


def test_no_rulebook_is_adopted_after_the_first_month_closes() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 1, FULL)
    with refused(year, errors.PeriodClosed, "PERIOD_CLOSED", "rulebook"):
        year.adopt_rulebook(rulebook=rulebook(), rulebook_id=TOWN, sha256="c" * 64, stamp=office())


def test_a_rulebook_must_rank_every_enrolled_units_category() -> None:
    year = open_year(units={TOWN: "town", DEPARTMENT: "stationed_unit"})
    fewer = rulebook().model_copy(
        update={"categories": [c for c in rulebook().categories if c.key != "stationed_unit"]}
    )
    with refused(year, errors.UnknownCategory, "UNKNOWN_CATEGORY", "rulebook.categories"):
        year.adopt_rulebook(rulebook=fewer, rulebook_id=TOWN, sha256="d" * 64, stamp=office())


def test_a_unit_is_enrolled_only_once_a_rulebook_is_adopted() -> None:
    year = open_year(adopted=False)
    with refused(year, errors.RulebookNotAdopted, "RULEBOOK_NOT_ADOPTED", "year"):
        year.enrol(
            unit_id=TOWN, category="town", rulebook=rulebook(), unit_exists=True, stamp=office()
        )


def test_only_the_assessment_office_enrols_units() -> None:
    year = open_year()
    with refused(year, errors.Forbidden, "FORBIDDEN", "by.role"):
        year.enrol(
            unit_id=TOWN,
            category="town",
            rulebook=rulebook(),
            unit_exists=True,
            stamp=stamp(Role.SUPERVISION_OFFICE),
        )


def test_a_unit_that_did_not_exist_that_year_is_not_enrolled() -> None:
    year = open_year()
    with refused(year, errors.UnitNotInYear, "UNIT_NOT_IN_YEAR", "unit_id"):
        year.enrol(
            unit_id=TOWN, category="town", rulebook=rulebook(), unit_exists=False, stamp=office()
        )


def test_a_unit_is_enrolled_only_in_a_category_the_rulebook_ranks() -> None:
    year = open_year()
    with refused(year, errors.UnknownCategory, "UNKNOWN_CATEGORY", "category"):
        year.enrol(
            unit_id=TOWN,
            category="state_enterprise",
            rulebook=rulebook(),
            unit_exists=True,
            stamp=office(),
        )


def test_enrolling_a_unit_twice_in_the_same_category_is_refused() -> None:
    year = open_year(units={TOWN: "town"})
    with refused(year, errors.AlreadyExists, "ALREADY_EXISTS", "unit_id"):
        year.enrol(
            unit_id=TOWN, category="town", rulebook=rulebook(), unit_exists=True, stamp=office()
        )


def test_enrolling_again_in_another_category_moves_the_unit() -> None:
    year = open_year(units={TOWN: "town"})
    year.enrol(
        unit_id=TOWN,
        category="government_department",
        rulebook=rulebook(),
        unit_exists=True,
        stamp=office(),
    )
    assert year.require_enrolled(TOWN) == "government_department"


def test_a_unit_not_enrolled_is_not_assessed() -> None:
    year = open_year(units={TOWN: "town"})
    with refused(year, errors.NotEnrolled, "NOT_ENROLLED", "unit_id"):
        year.require_enrolled(DEPARTMENT)
