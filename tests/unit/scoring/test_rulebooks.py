"""The shipped rulebooks load, differ where an office would revise them, and a bad
document is refused with the path of the bad field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson
import pytest
import yaml

from domain.errors import RulebookInvalid
from domain.rulebook.document import (
    canonical_json,
    content_hash,
    parse_rulebook,
    parse_rulebook_yaml,
)
from domain.rulebook.model import Rulebook
from domain.vocabulary import EvaluationKind
from tests.builders import ROOT


def load(name: str) -> Rulebook:
    return parse_rulebook_yaml((ROOT / "rulebooks" / name).read_text("utf-8"))


def document(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "rulebooks" / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_both_shipped_rulebooks_load_for_the_demo_county() -> None:
    standard, revised = load("standard-2025.yaml"), load("revised-2025.yaml")
    assert (standard.version, revised.version) == ("2025.1", "2025.2")
    assert standard.jurisdiction == revised.jurisdiction == "demo-county"
    assert content_hash(standard) != content_hash(revised)


def test_the_revision_changes_the_clauses_an_office_revises() -> None:
    standard, revised = load("standard-2025.yaml"), load("revised-2025.yaml")
    assert (standard.red_flags.points, revised.red_flags.points) == (Decimal(1), Decimal("0.5"))
    assert standard.deductions.yellow_card.multiplier == Decimal(2)
    assert revised.deductions.yellow_card.multiplier == Decimal(3)
    assert (standard.bonus.cap, revised.bonus.cap) == (Decimal(5), Decimal(3))
    excellent = (standard.grading.bands[0], revised.grading.bands[0])
    assert [(b.min_score, b.max_share) for b in excellent] == [
        (Decimal(90), Decimal("0.3")),
        (Decimal(85), Decimal("0.4")),
    ]
    assert [t.lag_at_least for t in revised.warnings.thresholds] == [
        Decimal("0.15"),
        Decimal("0.25"),
        Decimal("0.40"),
    ]
    assert standard.categories == revised.categories
    assert standard.consequences == revised.consequences
    assert standard.evaluations
    assert revised.evaluations
    assert (standard.evaluations.public.weight, revised.evaluations.public.weight) == (3, 4)
    assert standard.supervision
    assert revised.supervision
    assert (standard.supervision.escalated.points, revised.supervision.escalated.points) == (2, 3)
    assert standard.special_assessments == revised.special_assessments


def test_every_clause_names_its_seed_and_article() -> None:
    for name in ("standard-2025.yaml", "revised-2025.yaml"):
        rulebook = load(name)
        clauses = [rulebook.reporting, rulebook.bonus, rulebook.red_flags, rulebook.warnings]
        clauses += [*rulebook.deductions.sanctions, rulebook.grading, *rulebook.consequences]
        clauses += [o.clause for o in rulebook.grading.overrides]
        assert rulebook.evaluations
        assert rulebook.special_assessments
        assert rulebook.supervision
        clauses += [rulebook.evaluations.of(kind) for kind in EvaluationKind]
        clauses += [rulebook.special_assessments, rulebook.supervision.overdue]
        clauses += [rulebook.supervision.escalated]
        assert all(c.source.seed in {"000", "001", "002", "003", "004"} for c in clauses)
        assert all(c.source.article for c in clauses)


def test_a_rulebook_written_before_the_weighed_sections_keeps_its_hash() -> None:
    data = document("standard-2025.yaml")
    for section in ("evaluations", "special_assessments", "supervision"):
        del data[section]
    older = parse_rulebook(data)
    assert older.evaluations is older.special_assessments is older.supervision is None
    canonical = orjson.loads(canonical_json(older))
    assert set(canonical) == set(data)  # what an older document held, nothing more
    assert content_hash(parse_rulebook(canonical)) == content_hash(older)


def test_the_canonical_hash_ignores_how_the_yaml_was_written() -> None:
    data = document("standard-2025.yaml")
    reordered = dict(reversed(list(data.items())))
    assert content_hash(parse_rulebook(reordered)) == content_hash(load("standard-2025.yaml"))


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("red_flags", "points"), "-1", "red_flags.points"),
        (("deductions", "yellow_card", "multiplier"), "0.5", "deductions.yellow_card.multiplier"),
        (("rounding", "mode"), "ROUND_UP_TO_TEN", "rounding.mode"),
        (("evaluations", "public", "weight"), "-1", "evaluations.public.weight"),
        (("supervision", "overdue", "points", "key"), "x", "supervision.overdue.points.key"),
        (("grading", "bands", 0, "max_share"), "1.5", "grading.bands.0.max_share"),
        (
            ("completion", "quantitative", "overachievement_cap"),
            "3",
            "completion.quantitative.overachievement_cap",
        ),
    ],
)
def test_an_invalid_document_is_refused_naming_the_bad_field(
    path: tuple[str | int, ...], value: str, field: str
) -> None:
    data = document("revised-2025.yaml")
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    with pytest.raises(RulebookInvalid) as caught:
        parse_rulebook(data)
    assert caught.value.field == field
    assert field in str(caught.value)


def test_bands_out_of_order_are_refused_at_the_grading_clause() -> None:
    data = document("standard-2025.yaml")
    data["grading"]["bands"].reverse()
    with pytest.raises(RulebookInvalid) as caught:
        parse_rulebook(data)
    assert caught.value.field == "grading"


def test_a_sanction_kind_without_a_deduction_row_is_refused() -> None:
    data = document("standard-2025.yaml")
    data["deductions"]["sanctions"] = data["deductions"]["sanctions"][:-1]
    with pytest.raises(RulebookInvalid, match="veto"):
        parse_rulebook(data)
