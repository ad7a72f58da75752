"""View answers carried forward to a later checkpoint while their rows stand still
(api/carried_answers.py), on both stores: the carried answer is byte for byte the fresh
answer at the later checkpoint, for one statement beside the latest checkpoint; an
answer whose rows changed, or whose document aliases a field or pins a checkpoint, is
read afresh."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest

from api.settings import ApiSettings
from tests.api.harness import Api, served
from tests.api.test_kept_answers import raw
from tests.api.test_response_cache import GRANT, project
from tests.builders import OFFICE, YEAR, enrolled_unit, open_year

RANKING = """query($category: String!) {
  ranking(year: 2025, period: "2025", category: $category) {
    asOf { position } pageInfo { startCursor endCursor }
    edges { cursor node { unitId rank score ledger { total asOf { position }
      lines { pageInfo { endCursor } edges { cursor node { kind points } } } } } } } }"""
LEDGER = """query($unitId: ID!) { unitLedger(year: 2025, unitId: $unitId) {
  total asOf { position } lines { edges { cursor node { kind points } } } } }"""
ALIASED = """query($category: String!) { ranking(year: 2025, period: "2025",
  category: $category) { at: asOf { position } edges { node { unitId score } } } }"""
PAGED = """query($category: String!, $after: String) { ranking(year: 2025, period: "2025",
  category: $category, first: 1, after: $after) { asOf { position } edges { node { unitId } } } }"""

Year = tuple[Api, Api, dict[str, UUID], str]


@pytest.fixture(scope="module")
def year(module_store_url: str) -> Iterator[Year]:
    """Two towns and a department, each with a bonus, projected; `api` keeps answers,
    `fresh` (over the same store) keeps none."""
    with (
        served(module_store_url) as api,
        served(module_store_url, ApiSettings(answers_cached=0)) as fresh,
    ):
        open_year(api.app)
        units = {
            "T001": enrolled_unit(api.app, "T001"),
            "T002": enrolled_unit(api.app, "T002"),
            "D001": enrolled_unit(api.app, "D001", "party_department"),
        }
        for unit in units.values():
            api.app.grant_bonus(
                year=YEAR, unit_id=unit, points=Decimal("1"), reason="创新", basis="文件",
                by=OFFICE,
            )  # fmt: skip
        project(api, module_store_url)
        yield api, fresh, units, module_store_url


def grant_and_project(year: Year, code: str) -> int:
    """A bonus for `code`'s unit, projected: the views' new latest checkpoint."""
    api, _, units, url = year
    assert "errors" not in api.post(GRANT, {"unitId": str(units[code])}, as_=OFFICE)
    project(api, url)
    return api.app.checkpoint().position


def same_as_fresh(year: Year, carried: httpx.Response, query: str, variables: Any) -> None:
    """`carried` is the answer a server keeping nothing gives now, bytes and headers."""
    _, fresh, _, _ = year
    body = {"query": query, "variables": variables}
    now = fresh.client.post(
        "/graphql", json=body, headers={"Authorization": f"Bearer {fresh.token(OFFICE)}"}
    )
    assert carried.content == now.content
    ignored = {"x-correlation-id", "date"}
    assert [(k, v) for k, v in carried.headers.items() if k not in ignored] == [
        (k, v) for k, v in now.headers.items() if k not in ignored
    ]


def cursor_checkpoints(answer: Any) -> set[int]:
    """The checkpoints the view cursors of an answer name."""
    found: set[int] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                if name in {"cursor", "startCursor", "endCursor"} and isinstance(item, str):
                    found.add(int(base64.urlsafe_b64decode(item).decode().split(":")[1]))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(answer)
    return found


def test_an_answer_whose_rows_stand_still_is_carried_to_the_next_checkpoint(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    town = {"category": "town"}
    raw(year[0], monkeypatch, RANKING, variables=town)
    _, before = raw(year[0], monkeypatch, RANKING, variables=town)
    latest = grant_and_project(year, "D001")  # another category's unit
    counts, carried = raw(year[0], monkeypatch, RANKING, variables=town)
    assert (counts.transactions, counts.statements) == (2, 2)  # the latest, the rows' check
    old, new = before.json()["data"]["ranking"], carried.json()["data"]["ranking"]
    assert old["asOf"]["position"] < latest == new["asOf"]["position"]
    assert {e["node"]["ledger"]["asOf"]["position"] for e in new["edges"]} == {latest}
    assert cursor_checkpoints(new) == {latest}
    assert [e["node"] for e in new["edges"]] != []
    same_as_fresh(year, carried, RANKING, town)
    counts, again = raw(year[0], monkeypatch, RANKING, variables=town)
    assert (counts.statements, again.content) == (1, carried.content)  # kept there now


def test_an_answer_whose_rows_changed_is_read_afresh(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    town = {"category": "town"}
    _, before = raw(year[0], monkeypatch, RANKING, variables=town)
    grant_and_project(year, "T002")
    counts, after = raw(year[0], monkeypatch, RANKING, variables=town)
    assert counts.statements > 2
    scores = {
        e["node"]["unitId"]: e["node"]["score"] for e in after.json()["data"]["ranking"]["edges"]
    }
    previous = {
        e["node"]["unitId"]: e["node"]["score"] for e in before.json()["data"]["ranking"]["edges"]
    }
    unit = str(year[2]["T002"])
    assert Decimal(scores[unit]) == Decimal(previous[unit]) + Decimal("0.5")
    same_as_fresh(year, after, RANKING, town)


def test_one_units_ledger_is_carried_while_the_unit_written_to_is_read_afresh(
    year: Year, monkeypatch: pytest.MonkeyPatch
) -> None:
    api, _, units, _ = year
    asks = {code: {"unitId": str(units[code])} for code in ("D001", "T002")}
    for variables in asks.values():
        raw(api, monkeypatch, LEDGER, variables=variables)
    latest = grant_and_project(year, "D001")  # a town's rank would move with a town's bonus
    written_counts, written = raw(api, monkeypatch, LEDGER, variables=asks["D001"])
    still_counts, still = raw(api, monkeypatch, LEDGER, variables=asks["T002"])
    assert written_counts.statements > 2
    assert still_counts.statements == 2
    for response in (written, still):
        assert response.json()["data"]["unitLedger"]["asOf"]["position"] == latest
    same_as_fresh(year, written, LEDGER, asks["D001"])
    same_as_fresh(year, still, LEDGER, asks["T002"])


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (ALIASED, {"category": "town"}),
        (PAGED, {"category": "town", "after": None}),
        (RANKING.replace('category: $category)', 'category: $category, asOf: {position: 1})'),
         {"category": "town"}),
    ],
    ids=["an alias", "after", "asOf"],
)  # fmt: skip
def test_an_aliased_or_pinned_question_is_never_carried(
    year: Year, monkeypatch: pytest.MonkeyPatch, query: str, variables: Any
) -> None:
    api = year[0]
    raw(api, monkeypatch, query, variables=variables)
    kept, _ = raw(api, monkeypatch, query, variables=variables)
    assert kept.statements == 1  # kept at its checkpoint, as any view answer
    grant_and_project(year, "D001")
    counts, after = raw(api, monkeypatch, query, variables=variables)
    assert counts.statements > 2
    assert "errors" not in after.json()
    same_as_fresh(year, after, query, variables)
