"""Bad input gets a stable code and names the field; nothing is stored. Anything
unexpected reaches the client as `Unexpected error.` with the request's correlation id."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.schema import build_schema
from api.settings import ApiSettings
from tests.api.harness import Api, mutation_document, served
from tests.api.world import World, build_world, inputs, spec
from tests.builders import OFFICE, filler

SCHEMA = build_schema(ApiSettings())._schema


@pytest.fixture
def county(tmp_path: Path) -> Iterator[tuple[Api, World]]:
    with served(f"sqlite:///{tmp_path / 'events.sqlite'}") as api:
        yield api, build_world(api.app)


def refused(api: Api, name: str, variables: dict[str, Any], **kw: Any) -> dict[str, Any]:
    """The one error of a refused mutation, after checking nothing was stored."""
    before = api.events()
    body = api.post(mutation_document(SCHEMA, name), {"input": variables}, **kw)
    assert body["data"] is None, body
    assert api.events() == before
    [error] = body["errors"]
    extensions: dict[str, Any] = error["extensions"]
    return extensions | {"message": error["message"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"weight": "0"}, "input.spec.weight"),
        ({"weight": "100.001"}, "input.spec.weight"),
        ({"group": "Economic Development"}, "input.spec.group"),
        ({"title": ""}, "input.spec.title"),
        (
            {
                "measure": {
                    "quantitative": {"unitOfMeasure": "km", "annualGoal": "5", "schedule": ["1"]}
                }
            },
            "input.spec.measure.quantitative.schedule",
        ),
        (
            {
                "measure": {
                    "qualitative": {"milestones": [{"key": "Bad Key", "title": "x", "dueMonth": 3}]}
                }
            },
            "input.spec.measure.qualitative.milestones.0.key",
        ),
    ],
)
def test_a_bad_target_spec_names_its_field(
    county: tuple[Api, World], change: dict[str, Any], field: str
) -> None:
    api, world = county
    variables = inputs(world)["proposeTarget"] | {"spec": spec() | change}
    error = refused(api, "proposeTarget", variables, as_=filler(world.a))
    assert (error["code"], error["field"]) == ("INVALID_INPUT", field)
    assert error["message"].startswith(field)


def test_a_value_of_the_wrong_type_is_refused_by_graphql_naming_the_path(
    county: tuple[Api, World],
) -> None:
    api, world = county
    variables = inputs(world)["proposeTarget"] | {"spec": spec() | {"weight": "ten"}}
    error = refused(api, "proposeTarget", variables, as_=filler(world.a))
    assert (error["code"], error["field"]) == ("INVALID_QUERY", "input.spec.weight")


def test_an_enum_outside_the_vocabulary_is_refused(county: tuple[Api, World]) -> None:
    api, world = county
    variables = inputs(world)["imposeSanction"] | {"kind": "YELLOW_CARD"}
    error = refused(api, "imposeSanction", variables, as_=OFFICE)
    assert (error["code"], error["field"]) == ("INVALID_QUERY", "input.kind")


def test_a_malformed_id_names_its_field(county: tuple[Api, World]) -> None:
    api, world = county
    variables = inputs(world)["grantBonus"] | {"unitId": "not-a-uuid"}
    error = refused(api, "grantBonus", variables, as_=OFFICE)
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "input.unitId")


def test_a_domain_rule_names_the_input_field(county: tuple[Api, World]) -> None:
    api, world = county
    error = refused(api, "enrolUnit", inputs(world)["enrolUnit"] | {"category": "moon"}, as_=OFFICE)
    assert (error["code"], error["field"]) == ("UNKNOWN_CATEGORY", "input.category")
    error = refused(api, "openYear", {"year": 2025}, as_=OFFICE)
    assert (error["code"], error["field"]) == ("ALREADY_EXISTS", "input.year")


def test_a_new_unit_s_fields_are_named_where_the_input_holds_them(
    county: tuple[Api, World],
) -> None:
    api, world = county
    register = inputs(world)["registerUnit"]
    bad_code = register | {"unit": register["unit"] | {"code": "no spaces"}}
    error = refused(api, "registerUnit", bad_code, as_=OFFICE)
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "input.unit.code")
    taken = register | {"unit": register["unit"] | {"code": "A01"}}
    error = refused(api, "registerUnit", taken, as_=OFFICE)
    assert (error["code"], error["field"]) == ("ALREADY_EXISTS", "input.unit.code")


def test_a_bad_rulebook_names_the_input_and_the_document_path(county: tuple[Api, World]) -> None:
    api, _ = county
    error = refused(api, "adoptRulebook", {"year": 2025, "rulebook": "version: [1"}, as_=OFFICE)
    assert (error["code"], error["field"]) == ("RULEBOOK_INVALID", "input.rulebook")


def test_an_import_lists_every_bad_row_and_stores_nothing(county: tuple[Api, World]) -> None:
    api, world = county
    table = b"unit_code,score\nA01,90\nZZ9,80\nB01,abc\n"
    file = {"fileName": "bad.csv", "contentBase64": base64.b64encode(table).decode()}
    variables = inputs(world)["importSpecialAssessment"] | {"file": file}
    error = refused(api, "importSpecialAssessment", variables, as_=OFFICE)
    assert error["code"] == "IMPORT_REJECTED"
    assert [(p["row"], p["field"]) for p in error["problems"]] == [
        (3, "unit_code"),
        (4, "score"),
    ]
    not_base64 = inputs(world)["importSpecialAssessment"] | {
        "file": {"fileName": "x.csv", "contentBase64": "%%%"}
    }
    error = refused(api, "importSpecialAssessment", not_base64, as_=OFFICE)
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "input.file.contentBase64")


def test_an_unexpected_failure_is_masked_with_the_correlation_id(
    county: tuple[Api, World], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    api, world = county

    def broken(**_: Any) -> None:
        raise RuntimeError('relation "stored_events" does not exist: SELECT * FROM secrets')

    monkeypatch.setattr(api.app, "grant_bonus", broken)
    error = refused(
        api,
        "grantBonus",
        inputs(world)["grantBonus"],
        as_=OFFICE,
        headers={"X-Correlation-Id": "req-42"},
    )
    assert error == {"code": "INTERNAL", "correlationId": "req-42", "message": "Unexpected error."}
    assert "req-42" in caplog.text  # the operator finds the failure by the client's id
    assert "SELECT * FROM secrets" in caplog.text


def test_a_bad_token_is_unauthenticated_and_stores_nothing(county: tuple[Api, World]) -> None:
    api, world = county
    for header in ("Bearer not.a.token", "Basic b2ZmaWNlOnB3", "Bearer"):
        error = refused(
            api, "grantBonus", inputs(world)["grantBonus"], headers={"Authorization": header}
        )
        assert (error["code"], error["field"]) == ("UNAUTHENTICATED", "authorization")


def test_an_idempotency_key_answers_a_retry_once_and_refuses_other_input(
    county: tuple[Api, World],
) -> None:
    api, world = county
    document = mutation_document(SCHEMA, "grantBonus")
    keyed = inputs(world)["grantBonus"] | {"idempotencyKey": "bonus-2025-001"}
    first = api.data(document, {"input": keyed}, as_=OFFICE)
    stored = api.events()
    assert api.data(document, {"input": keyed}, as_=OFFICE) == first
    assert api.events() == stored
    error = refused(api, "grantBonus", keyed | {"points": "1"}, as_=OFFICE)
    assert (error["code"], error["field"]) == ("IDEMPOTENCY_KEY_REUSED", "input.idempotencyKey")
    error = refused(api, "grantBonus", keyed | {"idempotencyKey": "x" * 201}, as_=OFFICE)
    assert (error["code"], error["field"]) == ("INVALID_INPUT", "input.idempotencyKey")
