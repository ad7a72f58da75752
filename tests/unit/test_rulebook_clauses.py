"""A trace names clauses by id; every clause of a shipped rulebook is found by it."""

from __future__ import annotations

from domain.rulebook.clauses import clauses_of
from domain.scoring.engine import score_year
from tests.builders import standard_rulebook
from tests.unit.scoring.golden_year import build_golden_year


def test_every_clause_a_scored_year_names_is_in_the_index_with_its_source() -> None:
    rulebook = standard_rulebook()
    index = clauses_of(rulebook)
    result = score_year(build_golden_year().events, rulebook)

    named = {line.clause_id for unit in result.units for line in unit.lines}
    named |= {unit.grade_clause_id for unit in result.units}
    named |= {w.clause_id for w in result.warnings}
    assert named <= index.keys()
    assert index["bonus.cap"].source.seed == "000"
    assert "5分" in index["bonus.cap"].text
