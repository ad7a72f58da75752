"""The core scenario on both stores: a unit's year from enrolment to a closed month."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from application.app import AssessmentApplication
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Evidence, Progress
from infrastructure.clock import ManualClock
from tests.builders import OFFICE, REVIEWER, enrolled_unit, filler, full_list, open_year


def test_a_unit_reports_and_the_office_closes_january(
    app: AssessmentApplication, clock: ManualClock
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    targets = full_list(app, unit)
    clock.set(datetime(2025, 2, 3, 10, tzinfo=OFFICE_TZ))
    photo = Evidence(file_name="site.jpg", media_type="image/jpeg", sha256="ab" * 32, size=2048)
    app.report_progress(
        year=2025,
        unit_id=unit,
        target_id=targets[1],
        period="2025-01",
        progress=Progress(value=Decimal("1.5"), evidence=[photo]),
        by=filler(unit),
    )
    app.verify_progress(
        year=2025, unit_id=unit, target_id=targets[1], period="2025-01", approve=True, by=REVIEWER
    )
    clock.set(datetime(2025, 2, 10, 9, tzinfo=OFFICE_TZ))
    app.close_period(year=2025, period="2025-01", by=OFFICE)
    year = app.year(2025)
    assert year.closed_months == 1
    topics = [
        n.topic.rsplit(".", 1)[-1] for n in app.recorder.select_notifications(start=1, limit=1000)
    ]
    assert topics.count("ReportMissing") == 9
    assert topics[-1] == "Closed"
