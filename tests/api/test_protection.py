"""Limits every request is held to: depth, tokens, aliases, body size; introspection
and GraphiQL off in production."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import ApiSettings, TokenKeys
from tests.api.harness import Api, served
from tests.builders import OFFICE

STRICT = ApiSettings(max_depth=2, max_tokens=60, max_aliases=3, max_body_bytes=20_000)
PRODUCTION = ApiSettings(production=True, keys=TokenKeys("HS256", "p" * 40), introspection=False)


@pytest.fixture
def strict(tmp_path: Path) -> Iterator[Api]:
    with served(f"sqlite:///{tmp_path / 'events.sqlite'}", STRICT) as api:
        yield api


def refusal(api: Api, query: str) -> str:
    body = api.post(query, as_=OFFICE)
    assert body.get("data") is None, body
    return " ".join(error["message"] for error in body["errors"])


def test_a_query_deeper_than_the_limit_is_refused(strict: Api) -> None:
    deep = '{ targets(year: 2025, unitId: "7") { edges { node { id } } } }'
    assert "exceeds maximum operation depth" in refusal(strict, deep)
    unit = "6f1d0c8e-3b1e-5d7a-9c55-2f0e1a9b7c11"
    shallow = f'{{ targets(year: 2025, unitId: "{unit}") {{ pageInfo {{ hasNextPage }} }} }}'
    assert strict.data(shallow, as_=OFFICE)["targets"]["pageInfo"] == {"hasNextPage": False}


def test_too_many_aliases_or_tokens_are_refused(strict: Api) -> None:
    aliases = "{ " + " ".join(f"h{i}: health" for i in range(4)) + " }"
    assert "aliases found" in refusal(strict, aliases)
    tokens = "{ " + " ".join("health" for _ in range(80)) + " }"
    assert "more than 60 tokens" in refusal(strict, tokens)


def test_a_body_over_the_limit_is_refused_before_it_is_read(strict: Api) -> None:
    before = strict.events()
    big = {"query": "{ health }", "variables": {"pad": "x" * 30_000}}
    response = strict.client.post("/graphql", json=big)
    assert response.status_code == 413
    assert strict.events() == before


def test_production_turns_off_introspection_and_graphiql(tmp_path: Path) -> None:
    with served(f"sqlite:///{tmp_path / 'events.sqlite'}", PRODUCTION) as api:
        assert "introspection" in refusal(api, "{ __schema { types { name } } }").lower()
        page = api.client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 404 or "graphiql" not in page.text.lower()
        assert api.data("{ health }") == {"health": "ok"}


def test_development_serves_graphiql_and_introspection(strict: Api) -> None:
    page = strict.client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    found = strict.data('{ __type(name: "Role") { enumValues { name } } }')
    assert found["__type"]["enumValues"][1] == {"name": "assessment_office"}
