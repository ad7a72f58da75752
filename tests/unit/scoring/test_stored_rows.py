"""Stored rows folded straight into the engine's facts (the PostgreSQL replay reader's
path) score exactly as the decoded events do: the rows are what the store's mapper
writes, with the ids as text."""

from __future__ import annotations

from collections.abc import Sequence

from domain.events import DomainEvent
from domain.scoring.engine import score_facts, score_year
from domain.scoring.fold import Folder
from domain.scoring.handlers import TABLE
from domain.vocabulary import SanctionKind
from infrastructure.replay.rows import BY_CLASS, Row, fold_rows
from infrastructure.store.serialization import OrjsonTranscoder, PydanticMapper
from tests.builders import qualitative, quantitative
from tests.unit.scoring.golden_weighed import build_weighed_year
from tests.unit.scoring.golden_year import build_golden_year
from tests.unit.scoring.test_rulebooks import load
from tests.unit.scoring.year_builder import YearBuilder

RULEBOOKS = (load("standard-2025.yaml"), load("revised-2025.yaml"))


def stored_rows(events: Sequence[DomainEvent]) -> list[Row]:
    mapper = PydanticMapper(transcoder=OrjsonTranscoder())
    rows = []
    for event in events:
        stored = mapper.to_stored_event(event)  # type: ignore[arg-type]
        rows.append(
            (str(stored.originator_id), stored.originator_version, stored.topic, stored.state)
        )
    return rows


def varied_year() -> list[DomainEvent]:
    """Dynamic and withdrawn targets, a revoked bonus, a rejected report, late months."""
    b = YearBuilder(RULEBOOKS[0])
    town, dept = b.unit("T1", "town"), b.unit("D1", "government_department")
    a, m = b.target(town, quantitative(weight="60")), b.target(town, qualitative(weight="40"))
    d = b.target(dept, quantitative(weight="100"))
    b.report(town, a, 2, value="30", verify=False)
    b.report(town, m, 3, milestones=("m1",))
    b.report(dept, d, 3, value="50", verify=None)
    b.close(1)
    dynamic = b.dynamic(town, quantitative(weight="20"), {a: "40"})
    b.report(town, dynamic, 8, value="70")
    b.withdraw(dept, d, {})
    b.revoke(b.bonus(town, "2", 4), month=6)
    b.sanction(dept, SanctionKind.YELLOW_CARD, 5)
    b.red_flag(town, 6)
    return b.events


def fold_stored(events: Sequence[DomainEvent]) -> Folder:
    folder = Folder()
    fold_rows(folder, stored_rows(events))
    return folder


def test_every_event_class_the_fold_reads_has_a_stored_row_decoder() -> None:
    assert set(BY_CLASS) == set(TABLE)


def test_the_golden_year_folded_from_stored_rows_scores_as_its_events() -> None:
    events = build_golden_year().events
    facts = fold_stored(events).opened_facts()
    for rulebook in RULEBOOKS:
        assert score_facts(facts, rulebook) == score_year(events, rulebook)


def test_a_varied_year_folded_from_stored_rows_scores_as_its_events() -> None:
    events = varied_year()
    facts = fold_stored(events).opened_facts()
    assert all(isinstance(key, str) for key in facts.targets)
    for rulebook in RULEBOOKS:
        assert score_facts(facts, rulebook) == score_year(events, rulebook)


def test_cases_evaluations_and_special_assessments_folded_from_rows_score_as_events() -> None:
    events = build_weighed_year().events
    facts = fold_stored(events).opened_facts()
    assert facts.cases
    assert facts.campaigns
    assert facts.specials
    for rulebook in RULEBOOKS:
        assert score_facts(facts, rulebook) == score_year(events, rulebook)


def test_rows_of_aggregates_outside_the_year_are_skipped_unparsed() -> None:
    events = build_golden_year().events
    rows = stored_rows(events)
    foreign = [
        (f"x{i}", version, topic, b"not json") for i, (_, version, topic, _) in enumerate(rows)
    ]
    folder = Folder()
    fold_rows(folder, rows + [row for row in foreign if row[1] > 1])
    assert score_facts(folder.opened_facts(), RULEBOOKS[0]) == score_year(events, RULEBOOKS[0])
