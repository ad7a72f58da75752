"""The views as they stood at a past moment or log position (issue 5 point 5): what the
office knew when it published a ranking, not only what is known now."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.runner import ProjectionRunner
from tests.builders import REVIEWER, YEAR, enrolled_unit, filler, full_list, open_year


@pytest.fixture
def runner(app: AssessmentApplication, store_url: str) -> Iterator[ProjectionRunner]:
    projections = projection_runner(app, Settings(store_url))
    projections.start()
    yield projections
    projections.log.close()  # type: ignore[attr-defined]


def office_time(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(YEAR, month, day, hour, tzinfo=OFFICE_TZ)


def verified_road(app: AssessmentApplication, unit: UUID, road: UUID, value: str) -> None:
    period = f"{YEAR}-01"
    progress = Progress(value=Decimal(value), narrative="路基施工")
    app.report_progress(
        year=YEAR, unit_id=unit, target_id=road, period=period, progress=progress,
        by=filler(unit),
    )  # fmt: skip
    app.verify_progress(
        year=YEAR, unit_id=unit, target_id=road, period=period, approve=True, by=REVIEWER
    )


def january_score(app: AssessmentApplication, unit: UUID, as_of: int | None) -> Decimal:
    rows = app.ranking(year=YEAR, period=f"{YEAR}-01", category="town", as_of=as_of)
    return next(row.score for row in rows if row.unit_id == str(unit))


def test_the_ranking_as_of_a_moment_shows_what_was_known_then(
    app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    enrolled_unit(app, "T02")
    road = full_list(app, unit)[1]
    runner.catch_up()
    clock.set(office_time(1, 20))
    verified_road(app, unit, road, "1")  # January's kilometre, on schedule
    runner.catch_up()

    before = app.as_of(at=office_time(1, 19))
    after = app.as_of(at=office_time(1, 21))

    assert before is not None
    assert after is not None
    assert before < after
    assert january_score(app, unit, before) < january_score(app, unit, after)
    assert january_score(app, unit, after) == january_score(app, unit, None)
    assert app.as_of(position=after) == after
    assert app.as_of(position=after - 1) == before  # positions between checkpoints
    assert app.as_of(at=office_time(1, 1)) == 0  # before anything was projected


def test_as_of_refuses_a_moment_and_a_position_together_and_naive_times(
    app: AssessmentApplication,
) -> None:
    with pytest.raises(errors.InvalidInput) as both:
        app.as_of(at=office_time(1, 20), position=3)
    with pytest.raises(errors.InvalidInput) as naive:
        app.as_of(at=datetime(YEAR, 1, 20))  # naive: the point of the test
    with pytest.raises(errors.InvalidInput) as negative:
        app.as_of(position=-1)

    assert (both.value.field, naive.value.field, negative.value.field) == (
        "as_of", "as_of.at", "as_of.position",
    )  # fmt: skip
