"""A server decides on cached aggregates without asking the store first; the store checks
what it read when it saves (application/reads.py). Two application instances on one
store stand for two server processes: each has its own cache."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from application.app import AssessmentApplication
from application.reads import ABSENT, ReadVersion
from domain import errors
from infrastructure.clock import ManualClock
from tests import year_end_scenario
from tests.builders import LEADER, YEAR, enrolled_unit, full_list, open_year
from tests.scenarios import assert_rejected, close_months, event_count, second_instance

TOPIC = "domain.reports.monthly_return:MonthlyReturn.ProgressReported"


@pytest.fixture
def rival(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    application = second_instance(store_url, clock, seed=31)
    yield application
    application.close()


def grant(app: AssessmentApplication, unit: UUID) -> UUID:
    return app.grant_bonus(
        year=YEAR,
        unit_id=unit,
        points=Decimal("0.5"),
        reason="招商引资创新",
        basis="县委常委会纪要",
        by=LEADER,
    )


def test_a_server_that_missed_the_finalization_is_still_refused(
    app: AssessmentApplication, rival: AssessmentApplication, clock: ManualClock
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    full_list(app, unit)
    close_months(app, clock)
    grant(rival, unit)  # the rival caches the year as it stands: twelve months closed
    year_end_scenario.decide(app, clock, [unit])
    app.finalize_year(year=YEAR, by=LEADER)

    # The rival's copy says "not finalized"; the store knows better, the retry sees it.
    assert_rejected(rival, errors.YearFinalized, "amendment_reason", lambda: grant(rival, unit))


def test_a_query_outside_a_command_sees_what_another_server_wrote(
    app: AssessmentApplication, rival: AssessmentApplication, clock: ManualClock
) -> None:
    open_year(app)
    unit = enrolled_unit(app, "T01")
    full_list(app, unit)
    assert rival.year(YEAR).closed_months == 0

    close_months(app, clock, last=2)

    assert rival.year(YEAR).closed_months == 2


def stored(app: AssessmentApplication, originator: UUID, version: int) -> None:
    app.recorder.insert_events([StoredEvent(originator, version, TOPIC, b"{}")])


def test_the_store_refuses_events_decided_on_an_old_version_and_keeps_none(
    app: AssessmentApplication,
) -> None:
    read = uuid.uuid4()
    stored(app, read, 1)
    stored(app, read, 2)
    before = event_count(app)

    with pytest.raises(IntegrityError, match="stale read"):
        app.recorder.insert_events(
            [StoredEvent(uuid.uuid4(), 1, TOPIC, b"{}")], read_set=(ReadVersion(read, 1),)
        )

    assert event_count(app) == before


def test_the_store_refuses_events_decided_on_the_absence_of_what_now_exists(
    app: AssessmentApplication,
) -> None:
    created = uuid.uuid4()
    stored(app, created, 1)
    before = event_count(app)

    with pytest.raises(IntegrityError, match="stale read"):
        app.recorder.insert_events(
            [StoredEvent(uuid.uuid4(), 1, TOPIC, b"{}")], read_set=(ReadVersion(created, ABSENT),)
        )

    assert event_count(app) == before


def test_the_store_accepts_events_decided_on_the_latest_versions(
    app: AssessmentApplication,
) -> None:
    read, missing = uuid.uuid4(), uuid.uuid4()
    stored(app, read, 1)
    before = event_count(app)

    app.recorder.insert_events(
        [StoredEvent(uuid.uuid4(), 1, TOPIC, b"{}")],
        read_set=(ReadVersion(read, 1), ReadVersion(missing, ABSENT)),
    )

    assert event_count(app) == before + 1
