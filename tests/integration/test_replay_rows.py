"""The PostgreSQL replay reader folds stored rows into the engine's facts without
building events; on a generated year (every kind of event the demo makes: returned and
resubmitted targets, dynamic and revised ones, rejected, late and missing reports,
revoked sanctions, a finalized year) those facts score exactly as the decoded events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from application.replay import ReplayQueries, YearFactsSource
from application.year_events import LogYearEventSource
from domain.periods import OFFICE_TZ
from domain.scoring.engine import score_facts, score_year
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo import generate_year
from infrastructure.replay.app import replay_application
from infrastructure.settings import DEFAULT_JURISDICTION, Settings
from tests.builders import YEAR
from tests.unit.scoring.test_rulebooks import load

# Only PostgreSQL has the direct row reader: the shared fixture on that store alone.
pytestmark = pytest.mark.parametrize("store_url", ["postgres"], indirect=True)


@pytest.fixture
def generated(store_url: str) -> Iterator[ReplayQueries]:
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    writer = build_application(Settings(store_url), clock=clock, ids=SeededIds(2025))
    try:
        generate_year(writer, clock, size="tiny", seed=2025, year=YEAR)
    finally:
        writer.close()
    replayer = replay_application(Settings(store_url))
    yield replayer
    replayer.close()


def test_a_generated_year_folded_from_stored_rows_scores_as_its_decoded_events(
    generated: ReplayQueries,
) -> None:
    assessment = generated.year(YEAR)
    source = generated.year_event_source
    assert isinstance(source, YearFactsSource)
    events = list(
        LogYearEventSource(generated).year_events(
            year_id=assessment.id, jurisdiction=DEFAULT_JURISDICTION
        )
    )

    facts = source.year_facts(year_id=assessment.id, year=YEAR)

    for rulebook in (load("standard-2025.yaml"), load("revised-2025.yaml")):
        assert score_facts(facts, rulebook) == score_year(events, rulebook)
