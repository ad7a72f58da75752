"""A progress report races the close of its month, on two application instances
(issue 3, point 6): the unit's monthly return is the aggregate both must write, so
whichever saves second conflicts and retries on fresh state. Both orders are forced.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from infrastructure.clock import ManualClock
from tests.builders import OFFICE, YEAR, enrolled_unit, filler, full_list, open_year
from tests.scenarios import (
    RACE_TIMEOUT,
    GatedSave,
    Outcomes,
    event_count,
    second_instance,
    topics,
)

# Both stores, whatever DUKAO_TEST_STORES says: the race must be shown on PostgreSQL.
pytestmark = pytest.mark.parametrize("store_url", ["postgres", "sqlite"], indirect=True)


@pytest.fixture
def rival(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    application = second_instance(store_url, clock, seed=13)
    yield application
    application.close()


@pytest.mark.parametrize("first", ["close", "report"])
def test_a_report_racing_the_close_of_its_month_is_counted_or_refused_never_both(
    app: AssessmentApplication, rival: AssessmentApplication, clock: ManualClock, first: str
) -> None:
    """The month's return is where the two meet: a report saved first is seen by the
    retried close (no ReportMissing for it); a close saved first refuses the report."""
    open_year(app)
    unit = enrolled_unit(app, "T01")
    targets = full_list(app, unit)
    clock.set(datetime(YEAR, 2, 3, 9, tzinfo=OFFICE_TZ))
    before = event_count(app)
    barrier = threading.Barrier(2, timeout=RACE_TIMEOUT)
    if first == "close":
        winner = GatedSave(app, barrier)
        loser = GatedSave(rival, barrier, after=winner)
    else:
        winner = GatedSave(rival, barrier)
        loser = GatedSave(app, barrier, after=winner)
    outcomes = Outcomes()
    outcomes.run(
        {
            "close": lambda: app.close_period(year=YEAR, period=f"{YEAR}-01", by=OFFICE),
            "report": lambda: rival.report_progress(
                year=YEAR,
                unit_id=unit,
                target_id=targets[1],
                period=f"{YEAR}-01",
                progress=Progress(value=Decimal(1)),
                by=filler(unit),
            ),
        }
    )

    assert (winner.conflicts, loser.conflicts) == (0, 1)
    closed = ["PeriodClosed", "Opened", *["ReportMissing"] * 10, "Closed"]
    if first == "close":
        assert type(outcomes.errors["report"]) is errors.PeriodClosed
        assert topics(app, after=before) == closed
    else:
        assert outcomes.errors == {}
        assert topics(app, after=before) == [
            "Opened",
            "ProgressReported",
            "PeriodClosed",
            *["ReportMissing"] * 9,
            "Closed",
        ]
