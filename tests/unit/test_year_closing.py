"""Closing months in order after they end (office time, UTC+8), each only when every
assessed unit's list is complete; finalizing after December; amendments afterwards."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

from domain import errors
from domain.periods import Period
from domain.vocabulary import Role
from domain.year import AssessmentYear
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
    rulebook,
    stamp,
)
from tests.unit.year_end_helpers import decided

FULL = {TOWN: Decimal(100)}
JANUARY = Period.month(YEAR, 1)
FEBRUARY_1 = office_time(YEAR, 2, 1)


def _close(year: AssessmentYear, month: Period, **overrides: object) -> None:
    arguments: dict[str, object] = {
        "month": month,
        "weight_totals": FULL,
        "total_weight": Decimal(100),
        "stamp": office(at=FEBRUARY_1),
    }
    arguments.update(overrides)
    year.close_month(**arguments)  # type: ignore[arg-type]


def test_january_closes_once_it_has_ended_in_office_time() -> None:
    year = open_year(units={TOWN: "town"})
    # 16:00 UTC on 31 January is midnight in the county: January is over there.
    _close(year, JANUARY, stamp=office(at=datetime(YEAR, 1, 31, 16, 0, tzinfo=UTC)))
    assert event_names(year) == ["PeriodClosed"]
    assert year.is_month_closed(JANUARY)


def test_a_month_does_not_close_before_it_has_ended_in_office_time() -> None:
    year = open_year(units={TOWN: "town"})
    # Still 23:59 on 31 January in the county, although UTC says so too.
    late_evening = datetime(YEAR, 1, 31, 15, 59, tzinfo=UTC)
    with refused(year, errors.PeriodNotEnded, "PERIOD_NOT_ENDED", "period"):
        _close(year, JANUARY, stamp=office(at=late_evening))


def test_months_close_in_order() -> None:
    year = open_year(units={TOWN: "town"})
    with refused(year, errors.PeriodOutOfOrder, "PERIOD_OUT_OF_ORDER", "period"):
        _close(year, Period.month(YEAR, 2), stamp=office(at=office_time(YEAR, 3, 1)))


def test_a_month_of_another_year_is_not_closed() -> None:
    year = open_year(units={TOWN: "town"})
    with refused(year, errors.PeriodOutOfOrder, "PERIOD_OUT_OF_ORDER", "period"):
        _close(year, Period.month(YEAR + 1, 1), stamp=office(at=office_time(YEAR + 1, 2, 1)))


def test_a_closed_month_is_not_closed_again() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 1, FULL)
    with refused(year, errors.PeriodOutOfOrder, "PERIOD_OUT_OF_ORDER", "period"):
        _close(year, JANUARY)


def test_no_thirteenth_month_closes() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 12, FULL)
    with refused(year, errors.PeriodOutOfOrder, "PERIOD_OUT_OF_ORDER", "period"):
        _close(year, Period.month(YEAR, 12), stamp=office(at=office_time(YEAR + 1, 1, 2)))


def test_only_the_assessment_office_closes_a_month() -> None:
    year = open_year(units={TOWN: "town"})
    with refused(year, errors.Forbidden, "FORBIDDEN", "by.role"):
        _close(year, JANUARY, stamp=stamp(Role.LEADER, at=FEBRUARY_1))


def test_a_month_closes_only_under_an_adopted_rulebook() -> None:
    year = open_year(adopted=False)
    with refused(year, errors.RulebookNotAdopted, "RULEBOOK_NOT_ADOPTED", "year"):
        _close(year, JANUARY, weight_totals={})


def test_a_month_does_not_close_while_a_units_approved_weights_fall_short() -> None:
    year = open_year(units={TOWN: "town", DEPARTMENT: "party_department"})
    short = {TOWN: Decimal(100), DEPARTMENT: Decimal("99.5")}
    with refused(year, errors.TargetWeightsIncomplete, "TARGET_WEIGHTS_INCOMPLETE", "unit_id"):
        _close(year, JANUARY, weight_totals=short)


def test_a_month_does_not_close_while_a_unit_has_no_approved_list() -> None:
    year = open_year(units={TOWN: "town", DEPARTMENT: "party_department"})
    with refused(year, errors.TargetWeightsIncomplete, "TARGET_WEIGHTS_INCOMPLETE", "unit_id"):
        _close(year, JANUARY, weight_totals=FULL)


def test_the_weights_are_checked_again_at_every_close() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 3, FULL)
    with refused(year, errors.TargetWeightsIncomplete, "TARGET_WEIGHTS_INCOMPLETE", "unit_id"):
        _close(
            year,
            Period.month(YEAR, 4),
            weight_totals={TOWN: Decimal(110)},
            stamp=office(at=office_time(YEAR, 5, 1)),
        )


def test_the_year_is_finalized_only_after_december_closes() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 11, FULL)
    with refused(year, errors.PeriodOutOfOrder, "PERIOD_OUT_OF_ORDER", "year"):
        year.finalize(stamp=stamp(Role.LEADER, at=office_time(YEAR, 12, 20)))


def test_only_a_leader_finalizes_the_year() -> None:
    year = open_year(units={TOWN: "town"})
    close_months(year, 12, FULL)
    with refused(year, errors.Forbidden, "FORBIDDEN", "by.role"):
        year.finalize(stamp=office(at=office_time(YEAR + 1, 1, 10)))


def _finalized() -> AssessmentYear:
    year = open_year(units={TOWN: "town"})
    close_months(year, 12, FULL)
    decided(year)
    year.finalize(stamp=stamp(Role.LEADER, at=office_time(YEAR + 1, 1, 10)))
    year.collect_events()
    return year


def test_a_finalized_year_is_locked_against_the_office() -> None:
    year = _finalized()
    with refused(year, errors.YearFinalized, "YEAR_FINALIZED", "year"):
        year.finalize(stamp=stamp(Role.LEADER))
    with refused(year, errors.YearFinalized, "YEAR_FINALIZED", "year"):
        year.adopt_rulebook(rulebook=rulebook(), rulebook_id=TOWN, sha256="e" * 64, stamp=office())
    with refused(year, errors.YearFinalized, "YEAR_FINALIZED", "year"):
        year.enrol(
            unit_id=DEPARTMENT,
            category="town",
            rulebook=rulebook(),
            unit_exists=True,
            stamp=office(),
        )


def test_a_finalized_year_changes_only_with_an_amendment_reason() -> None:
    year = _finalized()
    for reason in (None, "", "   "):
        with refused(year, errors.YearFinalized, "YEAR_FINALIZED", "amendment_reason"):
            year.authorize_change(
                subject_id=uuid4(), command="grant_bonus", amendment_reason=reason, stamp=office()
            )


def test_an_amendment_after_finalization_is_recorded_with_its_reason() -> None:
    year = _finalized()
    subject = uuid4()
    assert year.authorize_change(
        subject_id=subject,
        command="revoke_sanction",
        amendment_reason="申诉成立，撤销问责",
        stamp=stamp(Role.SUPERVISION_OFFICE),
    )
    [amended] = year.collect_events()
    assert isinstance(amended, AssessmentYear.AmendedAfterFinalization)
    assert (amended.subject_id, amended.command) == (subject, "revoke_sanction")
    assert amended.meta.reason == "申诉成立，撤销问责"


def test_an_open_year_changes_freely_and_refuses_an_amendment_reason() -> None:
    year = open_year(units={TOWN: "town"})
    assert not year.authorize_change(
        subject_id=uuid4(), command="grant_bonus", amendment_reason=None, stamp=office()
    )
    assert year.pending_events == []
    with refused(year, errors.InvalidInput, "INVALID_INPUT", "amendment_reason"):
        year.authorize_change(
            subject_id=uuid4(), command="grant_bonus", amendment_reason="补录", stamp=office()
        )
