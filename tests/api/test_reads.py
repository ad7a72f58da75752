"""What the API reads without views: single aggregates by id, lists inside one of them
paged by keyset cursors."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.harness import Api, served
from tests.api.world import World, build_world
from tests.builders import OFFICE, YEAR, filler, quantitative

PAGE = """query($unitId: ID!, $first: Int!, $after: String) {
  targets(year: 2025, unitId: $unitId, first: $first, after: $after) {
    edges { cursor node { number title } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""


@pytest.fixture
def county(tmp_path: Path) -> Iterator[tuple[Api, World]]:
    with served(f"sqlite:///{tmp_path / 'events.sqlite'}") as api:
        world = build_world(api.app)
        for n in range(2, 6):
            spec = quantitative(weight="5", title=f"目标{n}")
            api.app.propose_target(year=YEAR, unit_id=world.a, spec=spec, by=filler(world.a))
        yield api, world


def page(api: Api, world: World, first: int, after: str | None = None) -> dict[str, Any]:
    variables = {"unitId": str(world.a), "first": first, "after": after}
    data: dict[str, Any] = api.data(PAGE, variables, as_=OFFICE)["targets"]
    return data


def test_targets_page_by_number_and_a_cursor_survives_new_targets(
    county: tuple[Api, World],
) -> None:
    api, world = county
    first = page(api, world, 2)
    assert [e["node"]["number"] for e in first["edges"]] == [1, 2]
    assert first["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "endCursor": first["edges"][-1]["cursor"],
    }
    api.app.propose_target(year=YEAR, unit_id=world.a, spec=quantitative(), by=filler(world.a))
    rest = page(api, world, 10, first["pageInfo"]["endCursor"])
    assert [e["node"]["number"] for e in rest["edges"]] == [3, 4, 5, 6]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert rest["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.parametrize(("first", "after"), [(0, None), (101, None), (5, "bm90LWEtY3Vyc29y")])
def test_bad_paging_names_its_argument(
    county: tuple[Api, World], first: int, after: str | None
) -> None:
    api, world = county
    variables = {"unitId": str(world.a), "first": first, "after": after}
    [error] = api.post(PAGE, variables, as_=OFFICE)["errors"]
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "after" if after else "first"}


def test_a_unit_and_a_rulebook_by_id(county: tuple[Api, World]) -> None:
    api, world = county
    unit = api.data(f'{{ unit(id: "{world.a}") {{ code category }} }}', as_=filler(world.a))
    assert unit == {"unit": {"code": "A01", "category": "town"}}
    sha = api.app.year(YEAR).rulebook_sha256
    found = api.data(f'{{ rulebook(sha256: "{sha}") {{ sha256 document }} }}', as_=OFFICE)
    book = found["rulebook"]
    assert hashlib.sha256(book["document"].encode()).hexdigest() == book["sha256"] == sha
    assert api.data('{ rulebook(sha256: "' + "0" * 64 + '") { sha256 } }', as_=OFFICE) == {
        "rulebook": None
    }
