"""A unit's monthly return (月报): only the unit itself reports, for an approved target of
its own, in a month that has started and is not closed; reviewers verify or reject."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from domain import errors
from domain.periods import Period
from domain.reports.evidence import Progress
from domain.reports.monthly_return import MonthlyReturn, ReportStatus
from domain.targets.target import Target
from domain.vocabulary import Role
from tests.builders import qualitative, quantitative
from tests.unit.helpers import (
    OPEN_TERMS,
    OTHER_TOWN,
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
MARCH_10 = office_time(2025, 3, 10, 9)
VALUE = Progress(value=Decimal("3.1"), narrative="完成路基3.1公里")


def _return(unit: UUID = TOWN) -> MonthlyReturn:
    monthly = MonthlyReturn.open(year_id=YEAR_ID, unit_id=unit, month=MARCH, stamp=office())
    monthly.collect_events()
    return monthly


def _targets() -> tuple[Target, Target]:
    targets = target_list()
    road = targets.target(approved(targets, quantitative()))
    rules = targets.target(approved(targets, qualitative(milestones=4)))
    return road, rules


def _report(
    monthly: MonthlyReturn, target: Target, progress: Progress = VALUE, at: datetime = MARCH_10
) -> None:
    monthly.report(target=target, progress=progress, stamp=unit_user(TOWN, at=at))


def test_a_unit_reports_progress_on_its_approved_target() -> None:
    monthly, (road, _) = _return(), _targets()
    _report(monthly, road)
    [reported] = monthly.collect_events()
    assert isinstance(reported, MonthlyReturn.ProgressReported)
    assert reported.meta.effective_period == "2025-03"
    assert monthly.reports[road.id].status is ReportStatus.SUBMITTED


def test_a_unit_cannot_report_in_another_units_return() -> None:
    monthly, (road, _) = _return(OTHER_TOWN), _targets()
    with refused(monthly, errors.Forbidden, "FORBIDDEN", "unit_id"):
        _report(monthly, road)


def test_a_unit_cannot_report_for_another_units_target() -> None:
    monthly = _return()
    others = target_list(OTHER_TOWN)
    theirs = others.target(approved(others, quantitative()))
    with refused(monthly, errors.NotFound, "NOT_FOUND", "target_id"):
        _report(monthly, theirs)


@pytest.mark.parametrize("role", [Role.ASSESSMENT_OFFICE, Role.REVIEWER, Role.LEADER])
def test_only_the_unit_itself_reports_progress(role: Role) -> None:
    monthly, (road, _) = _return(), _targets()
    with refused(monthly, errors.Forbidden, "FORBIDDEN", "by.role"):
        monthly.report(target=road, progress=VALUE, stamp=stamp(role, at=MARCH_10))


def test_progress_is_not_reported_before_the_month_starts_in_office_time() -> None:
    monthly, (road, _) = _return(), _targets()
    with refused(monthly, errors.PeriodNotStarted, "PERIOD_NOT_STARTED", "period"):
        _report(monthly, road, at=office_time(2025, 2, 28, 23, 59))
    _report(monthly, road, at=office_time(2025, 3, 1))
    assert event_names(monthly) == ["ProgressReported"]


def test_progress_is_reported_only_on_an_approved_target() -> None:
    monthly, targets = _return(), target_list()
    waiting = targets.target(targets.propose(spec=quantitative(), stamp=unit_user(TOWN)))
    with refused(monthly, errors.TargetNotApproved, "TARGET_NOT_APPROVED", "target_id"):
        _report(monthly, waiting)


def test_a_quantitative_target_is_reported_with_a_value_and_no_milestones() -> None:
    monthly, (road, _) = _return(), _targets()
    with refused(monthly, errors.InvalidInput, "INVALID_INPUT", "progress.value"):
        _report(monthly, road, Progress(narrative="在建"))
    with refused(monthly, errors.InvalidInput, "INVALID_INPUT", "progress.milestones_done"):
        _report(monthly, road, Progress(value=Decimal(3), milestones_done=["m1"]))


def test_a_qualitative_target_is_reported_with_its_own_milestones() -> None:
    monthly, (_, rules) = _return(), _targets()
    with refused(monthly, errors.InvalidInput, "INVALID_INPUT", "progress.value"):
        _report(monthly, rules, Progress(value=Decimal(1)))
    with refused(monthly, errors.InvalidInput, "INVALID_INPUT", "progress.milestones_done"):
        _report(monthly, rules, Progress(milestones_done=["m1", "m9"]))
    _report(monthly, rules, Progress(milestones_done=["m1"]))
    assert monthly.reports[rules.id].progress.milestones_done == ["m1"]


def _submitted() -> tuple[MonthlyReturn, Target]:
    monthly, (road, _) = _return(), _targets()
    _report(monthly, road)
    monthly.collect_events()
    return monthly, road


def test_a_reviewer_verifies_a_submitted_report() -> None:
    monthly, road = _submitted()
    monthly.verify(target_id=road.id, approve=True, stamp=stamp(Role.REVIEWER))
    assert monthly.reports[road.id].status is ReportStatus.VERIFIED


def test_a_verified_report_is_not_replaced() -> None:
    monthly, road = _submitted()
    monthly.verify(target_id=road.id, approve=True, stamp=stamp(Role.REVIEWER))
    with refused(monthly, errors.ReportStateInvalid, "REPORT_STATE_INVALID", "target_id"):
        _report(monthly, road, Progress(value=Decimal(9)))


def test_a_rejected_report_is_resubmitted_and_keeps_its_first_submission_time() -> None:
    monthly, road = _submitted()
    monthly.verify(target_id=road.id, approve=False, stamp=stamp(Role.REVIEWER, reason="佐证不足"))
    _report(monthly, road, at=office_time(2025, 4, 20))
    report = monthly.reports[road.id]
    assert report.status is ReportStatus.SUBMITTED
    assert report.first_submitted_at == MARCH_10


def test_a_rejection_needs_a_reason() -> None:
    monthly, road = _submitted()
    with refused(monthly, errors.InvalidInput, "INVALID_INPUT", "reason"):
        monthly.verify(target_id=road.id, approve=False, stamp=stamp(Role.REVIEWER, reason=""))


def test_only_a_submitted_report_is_verified_or_rejected() -> None:
    monthly, road = _submitted()
    _, rules = _targets()
    with refused(monthly, errors.ReportStateInvalid, "REPORT_STATE_INVALID", "target_id"):
        monthly.verify(target_id=rules.id, approve=True, stamp=stamp(Role.REVIEWER))
    monthly.verify(target_id=road.id, approve=True, stamp=stamp(Role.REVIEWER))
    for approve in (True, False):
        with refused(monthly, errors.ReportStateInvalid, "REPORT_STATE_INVALID", "target_id"):
            monthly.verify(
                target_id=road.id, approve=approve, stamp=stamp(Role.REVIEWER, reason="复核")
            )


@pytest.mark.parametrize("role", [Role.UNIT, Role.ASSESSMENT_OFFICE, Role.LEADER])
def test_only_a_reviewer_verifies_progress(role: Role) -> None:
    monthly, road = _submitted()
    with refused(monthly, errors.Forbidden, "FORBIDDEN", "by.role"):
        monthly.verify(target_id=road.id, approve=True, stamp=stamp(role, unit=TOWN))


def test_a_withdrawn_target_takes_no_more_reports() -> None:
    monthly, targets = _return(), target_list()
    road = approved(targets, quantitative())
    targets.withdraw(
        target_id=road, rebalance={}, terms=OPEN_TERMS, stamp=office(reason="任务由上级收回")
    )
    with refused(monthly, errors.TargetNotApproved, "TARGET_NOT_APPROVED", "target_id"):
        _report(monthly, targets.target(road))
