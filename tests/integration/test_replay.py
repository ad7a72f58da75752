"""Replay / what-if on both stores: a closed year under its own and a revised rulebook,
read by every event source, and never a single event written."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from application.app import AssessmentApplication
from application.replay import ReplayQueries, YearNotClosed
from application.year_events import LogYearEventSource
from domain import errors
from domain.ids import year_id
from domain.rulebook.document import content_hash, parse_rulebook
from domain.vocabulary import SanctionKind
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.replay import year_event_source
from infrastructure.replay.app import replay_application_class
from infrastructure.settings import DEFAULT_JURISDICTION, Settings
from tests.builders import (
    OFFICE,
    SUPERVISION,
    YEAR,
    enrolled_unit,
    full_list,
    open_year,
)
from tests.replay_helpers import closed_year, revised, rulebook_document
from tests.scenarios import assert_rejected, close_months, event_count

# The application as the composition root builds it once replay joins its bases.
ReplayApp = replay_application_class()


@pytest.fixture
def replayer(store_url: str, clock: ManualClock) -> Iterator[ReplayQueries]:
    settings = Settings(store_url)
    application = ReplayApp(
        settings.eventsourcing_env(),
        clock=clock,
        ids=SeededIds(11),
        jurisdiction=settings.jurisdiction,
    )
    yield application
    application.close()


def test_replay_under_the_adopted_rulebook_reproduces_the_official_result(
    app: AssessmentApplication, replayer: ReplayQueries, clock: ManualClock
) -> None:
    closed_year(app, clock)
    before = event_count(app)
    adopted = replayer.rulebook_of(replayer.year(YEAR))

    replay = replayer.replay_year(year=YEAR, rulebook=adopted)

    assert replay.replayed == replay.official
    assert replayer.official_result(year=YEAR) == replay.official
    assert replay.official.rulebook_sha256 == content_hash(adopted)
    assert len(replay.official.units) == 3
    assert replay.diff.changed_units == 0
    assert all(not unit.lines for unit in replay.diff.units)
    assert event_count(app) == before


def test_a_harsher_deduction_changes_only_the_criticised_unit_and_names_the_line(
    app: AssessmentApplication, replayer: ReplayQueries, clock: ManualClock
) -> None:
    units = closed_year(app, clock)
    before = event_count(app)

    replay = replayer.replay_year(year=YEAR, rulebook=revised("4"))

    changed = {unit.unit_id: unit for unit in replay.diff.units if unit.changed}
    assert set(changed) == {units["T02"]}
    unit = changed[units["T02"]]
    assert unit.score_after is not None
    assert unit.score_before is not None
    assert unit.score_after - unit.score_before == Decimal(-3)
    (line,) = unit.lines
    assert (line.key.kind, line.change, line.points_delta) == ("sanction", "changed", -3)
    assert line.before is not None
    assert line.after is not None
    assert (line.before.points, line.after.points) == (Decimal(-1), Decimal(-4))
    assert replay.diff.replayed.version == "what-if"
    assert event_count(app) == before


def test_a_year_with_an_open_month_is_not_replayed(
    app: AssessmentApplication, replayer: ReplayQueries, clock: ManualClock
) -> None:
    open_year(app)
    full_list(app, enrolled_unit(app, "T01"))
    close_months(app, clock, last=11)

    error = assert_rejected(
        app,
        YearNotClosed,
        "year",
        lambda: replayer.replay_year(year=YEAR, rulebook=revised("2")),
    )
    assert error.code == "YEAR_NOT_CLOSED"


def test_a_rulebook_of_another_jurisdiction_is_refused(
    app: AssessmentApplication, replayer: ReplayQueries, clock: ManualClock
) -> None:
    closed_year(app, clock)
    document = rulebook_document()
    document["jurisdiction"] = "another-county"
    foreign = parse_rulebook(document)

    assert_rejected(
        app,
        errors.RulebookInvalid,
        "rulebook.jurisdiction",
        lambda: replayer.replay_year(year=YEAR, rulebook=foreign),
    )
    assert_rejected(
        app,
        errors.NotFound,
        "year",
        lambda: replayer.replay_year(year=YEAR + 3, rulebook=revised("2")),
    )


def test_every_source_reads_the_same_events_of_the_year_and_none_of_the_next(
    app: AssessmentApplication, replayer: ReplayQueries, clock: ManualClock
) -> None:
    units = closed_year(app, clock)
    open_year(app, YEAR + 1)
    app.enrol_unit(year=YEAR + 1, unit_id=units["T01"], by=OFFICE)
    app.impose_sanction(
        year=YEAR + 1,
        unit_id=units["T01"],
        kind=SanctionKind.REMINDER,
        reason="提醒",
        article="第九条",
        by=SUPERVISION,
    )
    the_year = year_id(DEFAULT_JURISDICTION, YEAR)

    fast = list(
        year_event_source(replayer).year_events(year_id=the_year, jurisdiction=DEFAULT_JURISDICTION)
    )
    generic = list(
        LogYearEventSource(replayer, page=7).year_events(
            year_id=the_year, jurisdiction=DEFAULT_JURISDICTION
        )
    )

    assert fast == generic
    stored = app.recorder.select_notifications(start=1, limit=100_000)
    next_year = year_id(DEFAULT_JURISDICTION, YEAR + 1)
    assert all(getattr(e, "year_id", the_year) == the_year for e in fast)
    assert next_year not in {e.originator_id for e in fast}
    # Everything stored is either the year's, the next year's, a unit or a rulebook record.
    topics = {n.topic.rsplit(".", 1)[-1] for n in stored} - {
        type(e).__qualname__.rsplit(".", 1)[-1] for e in fast
    }
    assert topics <= {"Published", "Opened", "RulebookAdopted", "UnitEnrolled", "Imposed"}
    assert len(fast) < len(stored)
