"""Kept view answers served as bytes before GraphQL runs (api/kept_answers.py), on both
stores: a hit is the fresh answer's bytes and headers, traced like any request; a new
checkpoint is read afresh; another reader, another jurisdiction's path, an inspector, a
bad token or a mutation never gets a kept answer; and the latest checkpoint a request
is looked up by is read after it arrived."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest

from api.latest_checkpoint import LatestCheckpoint
from application.views import Checkpoint
from domain.actors import Actor
from domain.vocabulary import Role
from infrastructure.settings import DEFAULT_JURISDICTION
from tests.api.harness import Api, served
from tests.api.test_operations import REQUESTS, sample
from tests.api.test_response_cache import GRANT, RANKING, project
from tests.api.test_view_statements import Counts, counting
from tests.builders import INSPECTOR, OFFICE, YEAR, enrolled_unit, filler, open_year

TOWN = {"category": "town"}


@pytest.fixture(scope="module")
def year(module_store_url: str) -> Iterator[tuple[Api, list[UUID], str]]:
    with served(module_store_url) as api:
        open_year(api.app)
        units = [enrolled_unit(api.app, code) for code in ("T001", "T002")]
        api.app.grant_bonus(
            year=YEAR, unit_id=units[0], points=Decimal("1"), reason="创新", basis="文件",
            by=OFFICE,
        )  # fmt: skip
        project(api, module_store_url)
        yield api, units, module_store_url


def raw(
    api: Api, monkeypatch: pytest.MonkeyPatch, query: str = RANKING, **kw: Any
) -> tuple[Counts, httpx.Response]:
    """The response as sent, and the view statements it cost."""
    store, counts = api.app.view_reader, Counts()
    as_, path = kw.pop("as_", OFFICE), kw.pop("path", "/graphql")
    headers = {"Authorization": f"Bearer {api.token(as_)}", **kw.pop("headers", {})}
    body = {"query": query, "variables": kw.pop("variables", TOWN)}
    with monkeypatch.context() as patch:
        for opening in ("reading", "transaction"):
            patch.setattr(store, opening, counting(getattr(store, opening), counts))
        response = api.client.post(path, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return counts, response


def test_a_kept_answer_is_the_fresh_answers_bytes_and_headers(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, _, _ = year
    question = {"variables": {"category": "town", "unused": 1}}  # a question asked first
    fresh, first = raw(api, monkeypatch, **question)
    kept, again = raw(api, monkeypatch, **question)
    assert fresh.statements > 2
    assert (kept.transactions, kept.statements) == (1, 1)  # the latest checkpoint only
    assert again.content == first.content
    assert "errors" not in again.json()
    ignored = {"x-correlation-id", "date"}
    assert [(k, v) for k, v in again.headers.items() if k not in ignored] == [
        (k, v) for k, v in first.headers.items() if k not in ignored
    ]


def test_each_kept_answer_carries_its_own_correlation_id_and_is_logged(
    year: tuple[Api, list[UUID], str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    api, _, _ = year
    raw(api, monkeypatch)
    ranked = {"jurisdiction": DEFAULT_JURISDICTION, "operation": "ranking", "outcome": "ok"}
    before = sample(api.client.get("/metrics").text, REQUESTS, **ranked) or 0
    caplog.set_level(logging.INFO, logger="dukao.requests")
    for cid in ("kept-1", "kept-2"):
        counts, response = raw(api, monkeypatch, headers={"X-Correlation-Id": cid})
        assert counts.statements == 1
        assert response.headers.get_list("x-correlation-id") == [cid]
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "dukao.requests"]
    assert [(line["correlation_id"], line["operation"], line["user_id"]) for line in lines] == [
        ("kept-1", "ranking", OFFICE.user_id),
        ("kept-2", "ranking", OFFICE.user_id),
    ]
    assert all(line["status"] == 200 and line["errors"] == [] for line in lines)
    assert sample(api.client.get("/metrics").text, REQUESTS, **ranked) == before + 2


def test_a_new_checkpoint_is_read_afresh(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, units, url = year
    raw(api, monkeypatch)
    _, before = raw(api, monkeypatch)
    assert "errors" not in api.post(GRANT, {"unitId": str(units[1])}, as_=OFFICE)
    project(api, url)
    counts, after = raw(api, monkeypatch)
    assert counts.statements > 2
    old, new = before.json()["data"]["ranking"], after.json()["data"]["ranking"]
    assert new["asOf"]["position"] > old["asOf"]["position"]
    scores = {e["node"]["unitId"]: e["node"]["score"] for e in new["edges"]}
    assert scores[str(units[1])] == "0.50"


def test_another_reader_an_inspector_or_a_bad_token_is_never_given_a_kept_answer(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, units, _ = year
    raw(api, monkeypatch)
    _, office = raw(api, monkeypatch)
    counts, unit = raw(api, monkeypatch, as_=filler(units[1]))
    assert counts.statements > 1
    assert [e["node"]["unitId"] for e in unit.json()["data"]["ranking"]["edges"]] == [str(units[1])]
    events = api.events()
    counts, inspector = raw(api, monkeypatch, as_=INSPECTOR)
    assert counts.statements > 1  # read afresh
    assert api.events() == events + 1  # and recorded
    assert inspector.json()["data"] == office.json()["data"]
    response = api.client.post(
        "/graphql", json={"query": RANKING, "variables": TOWN},
        headers={"Authorization": "Bearer not-a-token"},
    )  # fmt: skip
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_another_jurisdictions_path_is_not_given_the_served_ones_answer(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, _, _ = year
    raw(api, monkeypatch)
    elsewhere = api.client.post(
        "/j/elsewhere/graphql", json={"query": RANKING, "variables": TOWN},
        headers={"Authorization": f"Bearer {api.token(OFFICE)}"},
    )  # fmt: skip
    assert elsewhere.status_code == 404  # no registry: no routed path at all


def test_a_mutation_asked_twice_runs_twice(year: tuple[Api, list[UUID], str]) -> None:
    api, units, _ = year
    before = api.events()
    for _ in range(2):
        assert "errors" not in api.post(GRANT, {"unitId": str(units[0])}, as_=OFFICE)
    assert api.events() == before + 2


def test_the_latest_checkpoint_is_read_after_the_asker_arrived() -> None:
    """A read under way when a request arrives may miss a checkpoint committed just
    before: the request waits for the next read, shared with all who came meanwhile."""
    committed, reads = [1], []
    release = threading.Event()

    def read() -> Checkpoint:
        seen = committed[-1]  # the statement's snapshot: what was committed when it began
        reads.append(seen)
        if len(reads) == 1:
            release.wait(5)
        return Checkpoint(seen, latest=True)

    async def asked() -> list[int]:
        latest = LatestCheckpoint(read)
        first = asyncio.ensure_future(latest.latest())
        while not reads:
            await asyncio.sleep(0.001)
        committed.append(2)  # the projections commit while the first read is under way
        later = [asyncio.ensure_future(latest.latest()) for _ in range(3)]
        await asyncio.sleep(0.01)
        release.set()
        return [c.position for c in await asyncio.gather(first, *later)]

    assert asyncio.run(asked()) == [1, 2, 2, 2]
    assert reads == [1, 2]  # the three who came meanwhile shared one read


def test_a_failed_read_of_the_latest_checkpoint_leaves_the_answer_to_graphql(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, _, _ = year
    _, kept = raw(api, monkeypatch)
    store, failures = api.app.view_reader, []
    opened = store.reading

    def failing_once() -> Any:
        if not failures:
            failures.append("the store went away")
            raise OSError(failures[0])
        return opened()

    monkeypatch.setattr(store, "reading", failing_once)
    response = api.client.post(
        "/graphql", json={"query": RANKING, "variables": TOWN},
        headers={"Authorization": f"Bearer {api.token(OFFICE)}"},
    )  # fmt: skip
    assert failures == ["the store went away"]  # the fast path's read failed
    assert response.status_code == 200
    assert response.json() == kept.json()  # GraphQL read it afresh


def test_the_offices_staff_share_one_kept_answer_and_units_do_not(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, units, _ = year
    _, first = raw(api, monkeypatch)  # kept, or a hit of an earlier test's
    colleague = Actor(user_id="office-colleague", role=Role.ASSESSMENT_OFFICE)
    counts, shared = raw(api, monkeypatch, as_=colleague)
    assert counts.statements == 1  # the latest checkpoint only: the office's answer
    assert shared.content == first.content
    for unit in units:  # each unit its own answer, never the office's
        _, own = raw(api, monkeypatch, as_=filler(unit))
        assert own.content != first.content
        assert [e["node"]["unitId"] for e in own.json()["data"]["ranking"]["edges"]] == [str(unit)]


def test_the_same_question_asked_together_is_answered_once(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, units, url = year
    assert "errors" not in api.post(GRANT, {"unitId": str(units[0])}, as_=OFFICE)
    project(api, url)  # a new checkpoint: the ranking's rows changed, nothing kept for it
    alone, _ = raw(api, monkeypatch, variables={"category": "town", "alone": 1})
    store, counts = api.app.view_reader, Counts()
    body = {"query": RANKING, "variables": TOWN}
    headers = {"Authorization": f"Bearer {api.token(OFFICE)}"}

    async def together() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=api.client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            asks = [client.post("/graphql", json=body, headers=headers) for _ in range(8)]
            return await asyncio.gather(*asks)

    with monkeypatch.context() as patch:
        for opening in ("reading", "transaction"):
            patch.setattr(store, opening, counting(getattr(store, opening), counts))
        answers = asyncio.run(together())
    assert {answer.content for answer in answers} == {answers[0].content}
    assert "errors" not in answers[0].json()
    assert counts.statements <= alone.statements + 2  # one answer made, the latest read twice
