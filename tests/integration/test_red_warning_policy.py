"""The red-warning policy (issue 7 point 2) on both stores: a target that reaches the red
warning level gets a supervision case exactly once — after a restart, a rebuild, a crash
between opening the case and marking the row, or the target going red again — named for
the target, with its unit as lead unit, the red month, 一般关注 and a deadline a month on.
The server drains the policy after each batch it projects."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from application.red_warning_policy import POLICY_ACTOR
from domain import errors
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from domain.supervision.case import SupervisionCase
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from infrastructure.views.follower import ProjectionFollower
from infrastructure.views.wiring import projection_runner, red_warning_policy
from projections.case_openings import openings, waiting
from tests.builders import ROOT, SUPERVISION, YEAR, enrolled_unit, filler, full_list, open_year
from tests.scenarios import assert_rejected, topics


def report(app: AssessmentApplication, unit: UUID, target: UUID, month: int, value: str) -> None:
    app.report_progress(
        year=YEAR, unit_id=unit, target_id=target, period=f"{YEAR}-{month:02d}",
        progress=Progress(value=Decimal(value), narrative="路基施工"), by=filler(unit),
    )  # fmt: skip


@pytest.fixture
def red(app: AssessmentApplication, clock: ManualClock) -> tuple[UUID, UUID]:
    """A road of 12 km a year (1 km a month): 0.5 km in January is 50% behind: 红牌."""
    open_year(app)
    unit = enrolled_unit(app, "T01")
    road = full_list(app, unit)[1]
    clock.set(datetime(YEAR, 1, 20, 10, tzinfo=OFFICE_TZ))
    report(app, unit, road, 1, "0.5")
    return unit, road


def projected(app: AssessmentApplication, store_url: str, *, rebuild: bool = False) -> None:
    runner = projection_runner(app, Settings(store_url))
    if rebuild:
        runner.rebuild([])
    runner.start()
    runner.catch_up()
    runner.log.close()  # type: ignore[attr-defined]


def cases_opened(app: AssessmentApplication) -> list[UUID]:
    notes = app.recorder.select_notifications(start=1, limit=100_000)
    return [n.originator_id for n in notes if n.topic.endswith("SupervisionCase.Opened")]


def test_a_red_target_gets_one_case_naming_it_its_unit_and_the_red_month(
    app: AssessmentApplication, store_url: str, red: tuple[UUID, UUID]
) -> None:
    unit, road = red
    projected(app, store_url)
    report_ = red_warning_policy(app, Settings(store_url)).drain()
    assert (report_.opened, report_.refused, report_.failed) == (1, 0, 0)

    (case_id,) = cases_opened(app)
    case = app.read(SupervisionCase, case_id, field="case_id")
    assert (case.lead_unit, case.target_id, case.level) == (unit, road, AttentionLevel.GENERAL)
    assert case.deadline == date(YEAR, 2, 19)  # opened on 20 January: 30 days
    opened = next(iter(app.events.get(case_id)))
    matter = opened.matter  # type: ignore[attr-defined]
    assert matter.source is CaseSource.ASSESSMENT_FINDING
    assert "道路建设" in matter.title
    assert matter.source_ref == f"红牌预警 {YEAR}-01"
    assert opened.meta.actor_id == POLICY_ACTOR.user_id
    assert opened.meta.actor_role == "supervision_office"


def test_a_restart_and_a_rebuild_open_no_second_case(
    app: AssessmentApplication, store_url: str, red: tuple[UUID, UUID]
) -> None:
    projected(app, store_url)
    policy = red_warning_policy(app, Settings(store_url))
    assert policy.drain().opened == 1
    projected(app, store_url)  # a restart: the runner starts again from its positions
    assert policy.drain().opened == 0
    projected(app, store_url, rebuild=True)  # every view emptied and projected again
    assert policy.drain().opened == 0
    assert len(cases_opened(app)) == 1
    with app.view_reader.transaction() as tx:  # type: ignore[union-attr]
        (row,) = openings(tx)
    assert row[1:3] == (f"{YEAR}-01", "opened")


def test_a_crash_after_opening_the_case_leaves_a_retry_that_stores_nothing(
    app: AssessmentApplication, store_url: str, red: tuple[UUID, UUID]
) -> None:
    projected(app, store_url)
    policy = red_warning_policy(app, Settings(store_url))
    with app.view_reader.transaction() as tx:  # type: ignore[union-attr]
        (row,) = waiting(tx, limit=10)
    policy._open(row)  # the case is opened, then the drainer dies before marking the row
    before = len(topics(app))

    assert policy.drain().opened == 1  # the retry finds the case under the row's id
    assert len(topics(app)) == before
    assert cases_opened(app) == [row.case_id]


def test_a_target_red_again_later_gets_no_second_case(
    app: AssessmentApplication, store_url: str, clock: ManualClock, red: tuple[UUID, UUID]
) -> None:
    unit, road = red
    projected(app, store_url)
    policy = red_warning_policy(app, Settings(store_url))
    policy.drain()
    clock.set(datetime(YEAR, 2, 20, 10, tzinfo=OFFICE_TZ))
    report(app, unit, road, 2, "2")  # on schedule again
    projected(app, store_url)
    clock.set(datetime(YEAR, 3, 20, 10, tzinfo=OFFICE_TZ))
    report(app, unit, road, 3, "1.5")  # 3 km planned: 50% behind, red again
    projected(app, store_url)
    assert app.warning_board(year=YEAR, month=f"{YEAR}-03")[0].level == "red"
    assert policy.drain().opened == 0
    assert len(cases_opened(app)) == 1


def test_open_case_under_a_taken_id_for_another_unit_is_refused(
    app: AssessmentApplication, store_url: str, red: tuple[UUID, UUID]
) -> None:
    projected(app, store_url)
    red_warning_policy(app, Settings(store_url)).drain()
    (case_id,) = cases_opened(app)
    other = enrolled_unit(app, "T02")
    opened = next(iter(app.events.get(case_id)))
    assert_rejected(
        app,
        errors.AlreadyExists,
        "case_id",
        lambda: app.open_case(
            year=YEAR,
            matter=opened.matter,  # type: ignore[attr-defined]
            attention_level=AttentionLevel.GENERAL,
            lead_unit=other,
            deadline=date(YEAR, 3, 1),
            case_id=case_id,
            by=SUPERVISION,
        ),
    )


@pytest.fixture
def follower(app: AssessmentApplication, store_url: str) -> Iterator[ProjectionFollower]:
    settings = Settings(store_url)
    running = ProjectionFollower(
        lambda: projection_runner(app, settings, listen=True),
        poll=0.02,
        after_batch=red_warning_policy(app, settings).drain,
    )
    yield running
    running.stop()


def test_the_servers_projection_thread_opens_the_case_after_the_batch(
    app: AssessmentApplication, red: tuple[UUID, UUID], follower: ProjectionFollower
) -> None:
    follower.start()
    deadline = time.monotonic() + 20
    while not cases_opened(app):
        assert time.monotonic() < deadline, "the policy did not open the case"
        time.sleep(0.02)
    time.sleep(0.2)  # the case's own batch is projected too: nothing more is opened
    assert len(cases_opened(app)) == 1


def test_the_projector_beside_a_server_that_does_not_follow_opens_the_case(
    app: AssessmentApplication, red: tuple[UUID, UUID], store_url: str
) -> None:
    """`dukao project --follow`, the projector of `dukao serve --no-follow`."""
    environment = {k: v for k, v in os.environ.items() if k != "DUKAO_DATABASE_URL"}
    projector = subprocess.Popen(
        [sys.executable, "-m", "infrastructure.cli", "project", "--follow", "-d", store_url],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not cases_opened(app):
            assert projector.poll() is None, "the projector exited"
            assert time.monotonic() < deadline, "the projector did not open the case"
            time.sleep(0.1)
        time.sleep(1.0)  # its batch done, the rest of today's red targets get theirs
        opened = cases_opened(app)
        time.sleep(1.0)  # the cases' own batches are projected too: nothing more is opened
        assert cases_opened(app) == opened
        # The projector runs on today's clock, when every target of the year may be
        # behind: one case each at most.
        assert len(opened) <= 10  # the unit's full list: ten targets
    finally:
        projector.terminate()
        projector.wait(timeout=15)
