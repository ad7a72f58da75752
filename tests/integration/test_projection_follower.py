"""Inside the server, a projection thread keeps the views up with the log as commands
are written, and /readyz reports how far behind they are."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from application.app import AssessmentApplication
from infrastructure.settings import Settings
from infrastructure.views.follower import ProjectionFollower
from infrastructure.views.wiring import projection_runner
from tests.builders import enrolled_unit, open_year


@pytest.fixture
def follower(app: AssessmentApplication, store_url: str) -> Iterator[ProjectionFollower]:
    running = ProjectionFollower(
        lambda: projection_runner(app, Settings(store_url), listen=True), poll=0.02
    )
    yield running
    running.stop()


def wait_until(condition: object, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the views did not catch up"
        time.sleep(0.01)


def test_the_views_follow_commands_written_while_the_server_runs(
    app: AssessmentApplication, follower: ProjectionFollower
) -> None:
    assert follower.readiness() == "projections not running"
    follower.start()
    wait_until(lambda: follower.lag() == 0)

    open_year(app)
    unit = enrolled_unit(app, "T01")
    wait_until(lambda: follower.lag() == 0)

    trail = app.audit_trail(subject="unit_id", value=str(unit))
    assert [entry.event for entry in trail][-1] == "UnitEnrolled"
    assert follower.readiness() is None


def test_the_state_a_follower_starts_with_is_frozen_out_of_the_collectors_passes(
    app: AssessmentApplication, follower: ProjectionFollower
) -> None:
    open_year(app)
    gc.unfreeze()
    follower.start()
    wait_until(lambda: follower.lag() == 0)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_a_failed_start_is_tried_again_from_the_last_commit(
    app: AssessmentApplication, store_url: str
) -> None:
    attempts = []

    def flaky() -> object:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("the database restarted")
        return projection_runner(app, Settings(store_url))

    open_year(app)
    running = ProjectionFollower(flaky, poll=0.02, retry_after=0.05)  # type: ignore[arg-type]
    running.start()
    try:
        wait_until(lambda: running.lag() == 0)
    finally:
        running.stop()
    assert len(attempts) == 2
