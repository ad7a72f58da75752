"""The inspector's trace (issue 8 point 5): for a unit's score, every line with its
clause's text and source and the events behind it, with actor, role, time, reason and
evidence hashes; the grade's clause too."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Evidence, Progress
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.builders import LEADER, REVIEWER, YEAR, enrolled_unit, filler, full_list, open_year

PHOTO = Evidence(file_name="路基.jpg", media_type="image/jpeg", sha256="cd" * 32, size=4096)


def test_every_line_names_its_clause_and_the_events_with_who_when_why_and_evidence(
    app: AssessmentApplication, clock: ManualClock, store_url: str
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    road = full_list(app, unit)[1]
    clock.set(datetime(YEAR, 2, 3, 10, tzinfo=OFFICE_TZ))
    progress = Progress(value=Decimal("1"), narrative="完成1公里", evidence=[PHOTO])
    app.report_progress(
        year=YEAR, unit_id=unit, target_id=road, period=f"{YEAR}-01", progress=progress,
        by=filler(unit),
    )  # fmt: skip
    app.verify_progress(
        year=YEAR, unit_id=unit, target_id=road, period=f"{YEAR}-01", approve=True, by=REVIEWER
    )
    app.grant_bonus(
        year=YEAR, unit_id=unit, points=Decimal("0.5"), reason="招商引资创新",
        basis="县委常委会纪要", by=LEADER,
    )  # fmt: skip
    runner = projection_runner(app, Settings(store_url))
    runner.start()
    runner.catch_up()

    explained = app.explain_score(year=YEAR, unit_id=unit)

    assert explained.total == sum((line.points for line in explained.lines), Decimal(0))
    road_line = next(line for line in explained.lines if line.line_key == f"target:{road}")
    assert road_line.clause is not None
    assert all((road_line.clause.seed, road_line.clause.article, road_line.clause.text))
    reported = next(e for e in road_line.events if e.event == "ProgressReported")
    assert (reported.actor_role, reported.actor_id) == ("unit", filler(unit).user_id)
    assert reported.evidence[0]["sha256"] == PHOTO.sha256
    verified = next(e for e in road_line.events if e.event == "ProgressVerified")
    assert verified.actor_id == REVIEWER.user_id
    bonus = next(line for line in explained.lines if line.kind == "bonus")
    assert bonus.clause is not None
    assert bonus.clause.id == "bonus.cap"
    [granted] = bonus.events
    assert (granted.actor_role, granted.reason) == ("leader", "招商引资创新")
    assert explained.grade_clause is not None
    assert explained.grade_clause.text


def test_a_unit_without_a_score_is_not_found(app: AssessmentApplication, store_url: str) -> None:
    open_year(app)
    runner = projection_runner(app, Settings(store_url))
    runner.start()
    runner.catch_up()

    with pytest.raises(errors.NotFound) as refused:
        app.explain_score(year=YEAR, unit_id=uuid4())
    assert refused.value.field == "unit_id"
