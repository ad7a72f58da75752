"""The rulebook document (考核办法): a bad document is refused naming the path of the bad
field, its identity is the hash of its content whatever the YAML's key order, and the
published record replays to the same rules."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from domain import errors
from domain.ids import rulebook_id
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import content_hash, parse_rulebook, parse_rulebook_yaml
from domain.vocabulary import Role
from tests.builders import ROOT
from tests.unit.helpers import office, refused, stamp

STANDARD = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")


def _document() -> dict[str, Any]:
    data = yaml.safe_load(STANDARD)
    assert isinstance(data, dict)
    return data


def _refused_at(data: object, field: str) -> str:
    with pytest.raises(errors.RulebookInvalid) as caught:
        parse_rulebook(data)
    assert caught.value.code == "RULEBOOK_INVALID"
    assert caught.value.field == field
    return caught.value.message


def _reversed_keys(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reversed_keys(node[key]) for key in reversed(list(node))}
    if isinstance(node, list):
        return [_reversed_keys(item) for item in node]
    return node


def test_the_standard_rulebook_ranks_four_categories_out_of_100() -> None:
    rulebook = parse_rulebook_yaml(STANDARD)
    assert rulebook.total_weight == 100
    assert rulebook.category_keys() == {
        "town",
        "party_department",
        "government_department",
        "stationed_unit",
    }


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("reporting", "due_day"), 29, "reporting.due_day"),
        (("categories", 1, "key"), "Party", "categories.1.key"),
        (("total_weight",), "0", "total_weight"),
        (("bonus", "cap"), "-1", "bonus.cap"),
        (("warnings", "thresholds", 0, "remind"), [], "warnings.thresholds.0.remind"),
    ],
)
def test_a_bad_value_is_refused_naming_its_path(
    path: tuple[str | int, ...], value: object, field: str
) -> None:
    data = _document()
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    assert _refused_at(data, field).startswith(f"{field}: ")


def test_a_missing_clause_is_refused_naming_it() -> None:
    data = _document()
    del data["reporting"]
    _refused_at(data, "reporting")


def test_an_unknown_clause_is_refused_naming_it() -> None:
    data = _document()
    data["bonus_cap"] = "5"
    _refused_at(data, "bonus_cap")


def test_a_red_flag_slot_for_a_category_the_rulebook_does_not_rank_is_refused() -> None:
    data = _document()
    data["red_flags"]["slots"][1]["categories"].append("village")
    assert "village" in _refused_at(data, "red_flags.slots")


def test_a_category_key_used_twice_is_refused() -> None:
    data = _document()
    data["categories"].append({"key": "town", "name": "街道"})
    _refused_at(data, "categories")


def test_two_deduction_lines_for_one_sanction_kind_are_refused() -> None:
    data = _document()
    sanctions = data["deductions"]["sanctions"]
    sanctions.append({**sanctions[1], "id": "deduction.interview.again"})
    _refused_at(data, "deductions.sanctions")


@pytest.mark.parametrize("data", [None, [], "version: 1", 42])
def test_a_document_that_is_not_a_mapping_is_refused_as_a_whole(data: object) -> None:
    _refused_at(data, "rulebook")


def test_text_that_is_not_yaml_is_refused() -> None:
    with refused(None, errors.RulebookInvalid, "RULEBOOK_INVALID", "rulebook"):
        parse_rulebook_yaml("version: [2025.1\ntitle: 示范县")


def test_the_content_hash_ignores_the_order_of_keys_at_every_depth() -> None:
    rewritten = yaml.safe_dump(_reversed_keys(_document()), allow_unicode=True, sort_keys=False)
    assert rewritten != STANDARD
    original = content_hash(parse_rulebook_yaml(STANDARD))
    assert content_hash(parse_rulebook_yaml(rewritten)) == original
    assert len(original) == 64
    assert original == original.lower()


def test_the_content_hash_changes_with_any_rule() -> None:
    data = _document()
    data["reporting"]["due_day"] = 6
    assert content_hash(parse_rulebook(data)) != content_hash(parse_rulebook_yaml(STANDARD))


def test_a_published_rulebook_is_named_by_its_hash_and_replays_to_the_same_rules() -> None:
    rulebook = parse_rulebook_yaml(STANDARD)
    record = RulebookRecord.publish(rulebook=rulebook, stamp=office())
    assert record.sha256 == content_hash(rulebook)
    assert record.id == rulebook_id(record.sha256)
    [published] = record.collect_events()
    assert isinstance(published, RulebookRecord.Published)
    assert parse_rulebook(published.document) == rulebook


def test_only_the_assessment_office_publishes_a_rulebook() -> None:
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        RulebookRecord.publish(rulebook=parse_rulebook_yaml(STANDARD), stamp=stamp(Role.LEADER))
