"""No event is stored for a rejected command (issue 3, point 5): progress.

Each case goes through the application on both stores: the error's class, code and
field, a log that did not grow, and no monthly return half-created.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.ids import monthly_return_id, year_id
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from domain.reports.monthly_return import MonthlyReturn
from infrastructure.clock import ManualClock
from tests.builders import (
    REVIEWER,
    YEAR,
    enrolled_unit,
    filler,
    full_list,
    open_year,
)
from tests.scenarios import assert_rejected

JANUARY = f"{YEAR}-01"


@pytest.fixture
def unit(app: AssessmentApplication) -> UUID:
    open_year(app)
    return enrolled_unit(app, "T01")


@pytest.fixture
def targets(app: AssessmentApplication, unit: UUID) -> list[UUID]:
    """The unit's full list: even targets qualitative, odd ones quantitative."""
    return full_list(app, unit)


def january_return(app: AssessmentApplication, unit: UUID) -> UUID:
    return monthly_return_id(year_id(app.jurisdiction, YEAR), unit, JANUARY)


def test_a_first_report_rejected_opens_no_monthly_return(
    app: AssessmentApplication, unit: UUID, targets: list[UUID]
) -> None:
    def report(target: UUID, progress: Progress, period: str = JANUARY) -> UUID:
        return app.report_progress(
            year=YEAR,
            unit_id=unit,
            target_id=target,
            period=period,
            progress=progress,
            by=filler(unit),
        )

    assert_rejected(
        app,
        errors.InvalidInput,
        "progress.value",
        lambda: report(targets[0], Progress(value=Decimal(1))),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "progress.milestones_done",
        lambda: report(targets[0], Progress(milestones_done=["m9"])),
    )
    assert_rejected(
        app,
        errors.PeriodNotStarted,
        "period",
        lambda: report(targets[1], Progress(value=Decimal(1)), f"{YEAR}-03"),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "period",
        lambda: report(targets[1], Progress(value=Decimal(1)), f"{YEAR + 1}-01"),
    )
    assert app.find(MonthlyReturn, january_return(app, unit)) is None


def test_verify_what_was_not_reported_or_verified_already(
    app: AssessmentApplication, unit: UUID, targets: list[UUID], clock: ManualClock
) -> None:
    def verify(target: UUID, approve: bool = True) -> UUID:
        return app.verify_progress(
            year=YEAR, unit_id=unit, target_id=target, period=JANUARY, approve=approve, by=REVIEWER
        )

    assert_rejected(app, errors.NotFound, "period", lambda: verify(targets[1]))
    clock.set(datetime(YEAR, 1, 20, 9, tzinfo=OFFICE_TZ))
    app.report_progress(
        year=YEAR,
        unit_id=unit,
        target_id=targets[1],
        period=JANUARY,
        progress=Progress(value=Decimal(1)),
        by=filler(unit),
    )
    assert_rejected(app, errors.InvalidInput, "reason", lambda: verify(targets[1], approve=False))
    assert_rejected(app, errors.ReportStateInvalid, "target_id", lambda: verify(targets[3]))
    verify(targets[1])
    assert_rejected(app, errors.ReportStateInvalid, "target_id", lambda: verify(targets[1]))
