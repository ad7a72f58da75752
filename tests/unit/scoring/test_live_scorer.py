"""Live scoring — a year scored again after every batch, redoing only the units the
batch touched — gives exactly what scoring the same facts from scratch gives."""

from __future__ import annotations

from itertools import pairwise
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.events import DomainEvent
from domain.rulebook.document import parse_rulebook_yaml
from domain.rulebook.model import Rulebook
from domain.scoring.engine import score_facts
from domain.scoring.facts import Key
from domain.scoring.fold import Folder
from domain.scoring.live import LiveScorer, units_touched
from tests.builders import ROOT, standard_rulebook
from tests.unit.scoring.golden_weighed import build_weighed_year
from tests.unit.scoring.golden_year import build_golden_year

GOLDEN = build_golden_year()
# cases, campaigns and special assessments: a case turns overdue with no event of its own
WEIGHED = build_weighed_year()
REVISED = parse_rulebook_yaml((ROOT / "rulebooks" / "revised-2025.yaml").read_text("utf-8"))


def followed_live(
    cuts: list[int], rulebook: Rulebook, events: list[DomainEvent] = GOLDEN.events
) -> list[tuple[object, object, set[UUID]]]:
    """(live result, result from scratch, changed units) after each batch."""
    folder, scorer = Folder(2025), LiveScorer(rulebook)
    out = []
    bounds = sorted({0, *cuts, len(events)})
    for start, stop in pairwise(bounds):
        touched: set[Key] | None = set()
        for event in events[start:stop]:
            folder.apply(event)
            units = units_touched(folder, event)
            touched = None if units is None or touched is None else touched | units
        if folder.facts.year_id is None or not folder.facts.roster:
            continue
        live, changed = scorer.score(folder.facts, touched)
        out.append((live, score_facts(folder.facts, rulebook), changed))
    return out


cuts = st.lists(st.integers(min_value=1, max_value=len(GOLDEN.events) - 1), max_size=25)


@settings(max_examples=40, deadline=None)
@given(cuts=cuts, revised=st.booleans())
def test_after_every_batch_live_scoring_equals_scoring_from_scratch(
    cuts: list[int], revised: bool
) -> None:
    for live, scratch, _ in followed_live(cuts, REVISED if revised else standard_rulebook()):
        assert live == scratch


weighed_cuts = st.lists(
    st.integers(min_value=1, max_value=len(WEIGHED.events) - 1), min_size=1, max_size=40
)


@settings(max_examples=40, deadline=None)
@given(cuts=weighed_cuts, revised=st.booleans())
def test_live_scoring_of_cases_evaluations_and_assessments_equals_scoring_from_scratch(
    cuts: list[int], revised: bool
) -> None:
    rulebook = REVISED if revised else standard_rulebook()
    for live, scratch, _ in followed_live(cuts, rulebook, WEIGHED.events):
        assert live == scratch


def test_one_event_a_batch_rescores_lead_units_past_deadlines_and_units_reimported() -> None:
    # C3's deadline (15 June) passes in the middle of June and the next event (a campaign
    # closing on 20 June) is about another unit; November's ecology correction drops W2
    steps = followed_live(list(range(1, len(WEIGHED.events))), standard_rulebook(), WEIGHED.events)
    for live, scratch, _ in steps:
        assert live == scratch


def test_a_report_changes_its_own_unit_and_the_units_it_overtakes_only() -> None:
    # one event at a time from the last month on: each batch touches at most its unit
    # and the units whose ranks it moved
    events = GOLDEN.events
    cuts = list(range(len(events) - 30, len(events)))
    steps = followed_live(cuts, standard_rulebook())
    narrow = [changed for _, _, changed in steps[-25:] if len(changed) < len(GOLDEN.units)]
    assert narrow, "no batch was scored incrementally"
    for live, scratch, _ in steps:
        assert live == scratch
