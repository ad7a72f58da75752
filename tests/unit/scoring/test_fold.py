"""The engine's two halves: the incremental fold into rulebook-free facts, and scoring
those facts under any rulebook — together they are `score_year`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidInput
from domain.scoring.engine import score_facts, score_year
from domain.scoring.fold import Folder, fold
from tests.unit.scoring.golden_year import build_golden_year
from tests.unit.scoring.small_year import build
from tests.unit.scoring.test_properties import PROFILE, RULEBOOK, years
from tests.unit.scoring.test_rulebooks import load

STANDARD, REVISED = load("standard-2025.yaml"), load("revised-2025.yaml")


def test_one_fold_scored_under_two_rulebooks_equals_two_scorings_of_the_events() -> None:
    events = build_golden_year().events
    facts = fold(events)

    official, replayed = score_facts(facts, STANDARD), score_facts(facts, REVISED)

    assert official == score_year(events, STANDARD)
    assert replayed == score_year(events, REVISED)
    assert official != replayed
    assert score_facts(facts, STANDARD) == official  # scoring leaves the facts as they were


def test_facts_that_take_one_event_at_a_time_equal_the_batch_fold() -> None:
    events = build_golden_year().events
    folder = Folder()
    for event in events:
        folder.apply(event)

    assert folder.opened_facts() == fold(events)


@PROFILE
@given(years(), st.floats(0.1, 0.9))
def test_facts_scored_while_they_grow_equal_scoring_each_prefix(plan: tuple, share: float) -> None:
    """A live projection scores its facts, folds more events, scores again: each result
    is the one of the events so far."""
    events, _ = build(*plan)
    cut = max(1, int(len(events) * share))
    folder = Folder().apply_all(events[:cut])
    for rulebook in (RULEBOOK, REVISED):
        assert score_facts(folder.opened_facts(), rulebook) == score_year(events[:cut], rulebook)

    folder.apply_all(events[cut:])

    for rulebook in (RULEBOOK, REVISED):
        assert score_facts(folder.opened_facts(), rulebook) == score_year(events, rulebook)


def test_a_fold_of_another_year_only_is_refused() -> None:
    events = build_golden_year().events

    with pytest.raises(InvalidInput) as refused:
        fold(events, year=2024)

    assert refused.value.field == "events"
    with pytest.raises(InvalidInput):
        score_facts(Folder().facts, STANDARD)


def test_the_fold_keeps_only_the_named_year() -> None:
    events = build_golden_year().events
    opened = fold(events)

    assert fold(events, year=opened.year) == opened
    other = Folder(year_id="not the year").apply_all(events)
    assert other.facts.year_id is None
