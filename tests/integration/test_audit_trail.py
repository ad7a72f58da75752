"""The audit trail answers "everything about this unit / target / actor", in log order,
with who, when, why and the evidence — the same after a rebuild as when followed live."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Evidence, Progress
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.audit_trail import AuditEntry, trail
from projections.runner import ProjectionRunner
from tests.builders import OFFICE, REVIEWER, YEAR, enrolled_unit, filler, full_list, open_year

PHOTO = Evidence(file_name="路基.jpg", media_type="image/jpeg", sha256="ab" * 32, size=2048)


@pytest.fixture
def runner(app: AssessmentApplication, store_url: str) -> Iterator[ProjectionRunner]:
    projections = projection_runner(app, Settings(store_url))
    projections.start()
    yield projections
    projections.log.close()  # type: ignore[attr-defined]


def a_reported_unit(app: AssessmentApplication, clock: ManualClock) -> tuple[UUID, UUID]:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    enrolled_unit(app, "T02")
    targets = full_list(app, unit)
    clock.set(datetime(YEAR, 2, 3, 9, tzinfo=OFFICE_TZ))
    app.report_progress(
        year=YEAR,
        unit_id=unit,
        target_id=targets[1],
        period=f"{YEAR}-01",
        progress=Progress(value=Decimal("1.5"), narrative="完成路基1.5公里", evidence=[PHOTO]),
        by=filler(unit),
    )
    app.verify_progress(
        year=YEAR, unit_id=unit, target_id=targets[1], period=f"{YEAR}-01", approve=True,
        by=REVIEWER,
    )  # fmt: skip
    return unit, targets[1]


def entries(runner: ProjectionRunner, subject: str, value: str, **options: int) -> list[AuditEntry]:
    with runner.store.transaction() as tx:
        return trail(tx, subject=subject, value=value, **({"first": 1000} | options))


def test_a_units_trail_holds_its_list_its_reports_and_their_review_in_order(
    app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner
) -> None:
    unit, target = a_reported_unit(app, clock)
    runner.catch_up()

    found = entries(runner, "unit_id", str(unit))

    names = [entry.event for entry in found]
    assert names[0] == "Registered"
    assert "UnitEnrolled" in names
    assert names.count("TargetApproved") == 40  # ten targets, four levels each
    assert names[-2:] == ["ProgressReported", "ProgressVerified"]
    assert [e.position for e in found] == sorted(e.position for e in found)
    reported = found[-2]
    assert reported.actor_role == "unit"
    assert reported.target_id == str(target)
    assert reported.evidence == [PHOTO.model_dump(mode="json")]
    assert reported.facts["progress"]["narrative"] == "完成路基1.5公里"
    assert found[-1].actor_id == REVIEWER.user_id


def test_a_targets_trail_and_an_actors_trail_and_keyset_pages(
    app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner
) -> None:
    _, target = a_reported_unit(app, clock)
    runner.catch_up()

    about_target = entries(runner, "target_id", str(target))
    assert [e.event for e in about_target] == [
        "TargetProposed", *["TargetApproved"] * 4, "ProgressReported", "ProgressVerified",
    ]  # fmt: skip
    first_page = entries(runner, "actor_id", OFFICE.user_id, first=3)
    assert len(first_page) == 3
    rest = entries(runner, "actor_id", OFFICE.user_id, after=first_page[-1].position)
    assert {e.position for e in rest}.isdisjoint(e.position for e in first_page)
    assert all(e.actor_id == OFFICE.user_id for e in first_page + rest)


def test_the_trail_as_of_a_position_stops_there(
    app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner
) -> None:
    unit, _ = a_reported_unit(app, clock)
    runner.catch_up()
    everything = entries(runner, "unit_id", str(unit))

    earlier = entries(runner, "unit_id", str(unit), upto=everything[-2].position - 1)

    assert earlier == everything[:-2]


def test_a_rebuilt_trail_equals_the_trail_followed_live(
    app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner, store_url: str
) -> None:
    unit, _ = a_reported_unit(app, clock)
    runner.catch_up()
    live = entries(runner, "unit_id", str(unit))

    rebuilt = projection_runner(app, Settings(store_url))
    rebuilt.rebuild(["audit_trail"])
    rebuilt.start()
    assert entries(rebuilt, "unit_id", str(unit)) == []
    rebuilt.catch_up()

    assert entries(rebuilt, "unit_id", str(unit)) == live
