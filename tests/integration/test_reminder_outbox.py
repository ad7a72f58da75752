"""The reminder outbox (issue 5 point 6): a change of a target's warning level writes one
reminder per person the rulebook names for that level, under a stable id; a rebuild
writes none twice; the sender drains the outbox through a gateway and marks rows sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain.periods import OFFICE_TZ
from domain.reports.evidence import Progress
from infrastructure.clock import ManualClock
from infrastructure.reminder_sender import send_reminders
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.reminders import TABLE, Reminder, unsent
from projections.runner import ProjectionRunner
from tests.builders import YEAR, enrolled_unit, filler, full_list, open_year


class CollectingGateway:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[Reminder] = []
        self.fail = fail

    def send(self, reminder: Reminder) -> None:
        if self.fail:
            raise ConnectionError("短信网关不可用")
        self.sent.append(reminder)


@pytest.fixture
def runner(app: AssessmentApplication, store_url: str) -> Iterator[ProjectionRunner]:
    projections = projection_runner(app, Settings(store_url))
    projections.start()
    yield projections
    projections.log.close()  # type: ignore[attr-defined]


def report(app: AssessmentApplication, unit: UUID, target: UUID, month: int, value: str) -> None:
    app.report_progress(
        year=YEAR,
        unit_id=unit,
        target_id=target,
        period=f"{YEAR}-{month:02d}",
        progress=Progress(value=Decimal(value), narrative="路基施工"),
        by=filler(unit),
    )


def reminders_of(runner: ProjectionRunner, target: UUID) -> list[tuple[str, ...]]:
    with runner.store.transaction() as tx:
        rows = tx.rows(
            f"SELECT level, recipient_role, recipient_name, sent_at FROM {TABLE} "
            "WHERE target_id = %s ORDER BY position, recipient_role",
            (str(target),),
        )
    return [tuple(str(v) if v is not None else "" for v in row) for row in rows]


@pytest.fixture
def lagging(app: AssessmentApplication, clock: ManualClock) -> tuple[UUID, UUID]:
    """A road of 12 km a year (1 km a month): 0.85 km in January is 15% behind (警铃)."""
    open_year(app)
    unit = enrolled_unit(app, "T01")
    road = full_list(app, unit)[1]
    clock.set(datetime(YEAR, 1, 20, 10, tzinfo=OFFICE_TZ))
    report(app, unit, road, 1, "0.85")
    return unit, road


def test_a_bell_reminds_the_filler_and_a_yellow_card_adds_the_leader_in_charge(
    app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner, lagging: tuple
) -> None:
    unit, road = lagging
    runner.catch_up()
    assert reminders_of(runner, road) == [("bell", "filler", "填报人", "")]

    clock.set(datetime(YEAR, 2, 20, 10, tzinfo=OFFICE_TZ))
    report(app, unit, road, 2, "1.5")  # 25% behind the 2 km planned: 黄牌
    runner.catch_up()

    assert reminders_of(runner, road) == [
        ("bell", "filler", "填报人", ""),
        ("yellow", "filler", "填报人", ""),
        ("yellow", "leader_in_charge", "分管领导", ""),
    ]


def test_a_rebuild_adds_no_second_reminder_and_keeps_what_was_sent(
    app: AssessmentApplication, runner: ProjectionRunner, lagging: tuple, store_url: str
) -> None:
    runner.catch_up()
    gateway = CollectingGateway()
    first = send_reminders(runner.store, gateway)
    assert first.sent == len(gateway.sent) > 0

    again = projection_runner(app, Settings(store_url))
    again.rebuild([])
    again.start()
    again.catch_up()

    with again.store.transaction() as tx:
        assert unsent(tx, limit=100) == []
        [(count,)] = tx.rows(f"SELECT count(*) FROM {TABLE}")
    assert int(str(count)) == first.sent
    assert send_reminders(again.store, CollectingGateway()).sent == 0


def test_a_failing_gateway_leaves_the_reminder_waiting_with_the_error(
    runner: ProjectionRunner, lagging: tuple
) -> None:
    runner.catch_up()

    report = send_reminders(runner.store, CollectingGateway(fail=True))

    assert report.sent == 0
    assert report.failed > 0
    with runner.store.transaction() as tx:
        waiting = unsent(tx, limit=100)
        errors = tx.rows(f"SELECT attempts, last_error FROM {TABLE}")
    assert len(waiting) == report.failed
    assert all(int(str(a)) == 1 and "短信网关不可用" in str(e) for a, e in errors)
    assert "进度落后序时进度" in waiting[0].message
