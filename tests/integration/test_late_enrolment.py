"""A unit enrolled after months have closed cannot report into those months."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from infrastructure.clock import ManualClock
from tests.builders import OFFICE, enrolled_unit, filler, full_list, open_year
from tests.conftest import event_count


def test_a_unit_enrolled_in_march_cannot_report_for_january(
    app: AssessmentApplication, clock: ManualClock
) -> None:
    open_year(app)
    first = enrolled_unit(app, "T01")
    full_list(app, first)
    clock.set(datetime(2025, 2, 10, 9, tzinfo=OFFICE_TZ))
    app.close_period(year=2025, period="2025-01", by=OFFICE)
    clock.set(datetime(2025, 3, 2, 9, tzinfo=OFFICE_TZ))
    late = enrolled_unit(app, "T02")
    targets = full_list(app, late)
    before = event_count(app)
    with pytest.raises(errors.PeriodClosed) as refused:
        app.report_progress(
            year=2025,
            unit_id=late,
            target_id=targets[1],
            period="2025-01",
            progress=Progress(value=Decimal(1)),
            by=filler(late),
        )
    assert (refused.value.code, refused.value.field) == ("PERIOD_CLOSED", "period")
    assert event_count(app) == before
    app.report_progress(
        year=2025,
        unit_id=late,
        target_id=targets[1],
        period="2025-02",
        progress=Progress(value=Decimal(1)),
        by=filler(late),
    )
    assert event_count(app) > before
