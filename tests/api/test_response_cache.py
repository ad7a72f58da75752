"""View answers kept by checkpoint (api/response_cache.py), on both stores: the same
query by the same reader at the same checkpoint is answered from memory; a new batch of
the projections, another reader, an inspector or a mutation is never served a
kept answer."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from graphql import ExecutionResult

from api.response_cache import ResponseCache
from api.settings import ApiSettings
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.api.harness import Api, served
from tests.api.test_view_statements import Counts, counting
from tests.builders import INSPECTOR, OFFICE, YEAR, enrolled_unit, filler, open_year

RANKING = """query($category: String!) {
  ranking(year: 2025, period: "2025", category: $category) {
    asOf { position } edges { node { unitId rank score ledger { total
      lines { edges { node { kind points } } } } } } } }"""
GRANT = """mutation($unitId: ID!) { grantBonus(input: {year: 2025, unitId: $unitId,
  points: "0.5", reason: "创新", basis: "文件"}) { __typename } }"""


def project(api: Api, url: str) -> None:
    runner = projection_runner(api.app, Settings(url))
    runner.start()
    runner.catch_up()
    runner.log.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def year(module_store_url: str) -> Iterator[tuple[Api, list[UUID], str]]:
    with served(module_store_url) as api:
        open_year(api.app)
        units = [enrolled_unit(api.app, code) for code in ("T001", "T002", "T003")]
        for unit in units:
            api.app.grant_bonus(
                year=YEAR, unit_id=unit, points=Decimal("1"), reason="创新", basis="文件",
                by=OFFICE,
            )  # fmt: skip
        project(api, module_store_url)
        yield api, units, module_store_url


def asked(api: Api, monkeypatch: pytest.MonkeyPatch, query: str, **kw: Any) -> tuple[Counts, Any]:
    """The answer's body and the view statements it cost."""
    store, counts = api.app.view_reader, Counts()
    with monkeypatch.context() as patch:
        for opening in ("reading", "transaction"):
            patch.setattr(store, opening, counting(getattr(store, opening), counts))
        body = api.post(query, {"category": "town"}, **kw)
    return counts, body


def test_the_same_question_at_the_same_checkpoint_is_answered_from_memory(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, _, _ = year
    fresh, first = asked(api, monkeypatch, RANKING, as_=OFFICE)
    kept, again = asked(api, monkeypatch, RANKING, as_=OFFICE)
    assert "errors" not in first
    assert again == first
    assert fresh.statements > 2
    assert (kept.transactions, kept.statements) == (1, 1)  # the latest checkpoint only


def test_a_new_batch_of_the_projections_is_read_afresh(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, units, url = year
    _, before = asked(api, monkeypatch, RANKING, as_=OFFICE)
    assert "errors" not in api.post(GRANT, {"unitId": str(units[0])}, as_=OFFICE)
    _, unprojected = asked(api, monkeypatch, RANKING, as_=OFFICE)
    assert unprojected == before  # the views have not moved: the same answer is right
    project(api, url)
    counts, after = asked(api, monkeypatch, RANKING, as_=OFFICE)
    ranking = after["data"]["ranking"]
    assert ranking["asOf"]["position"] > before["data"]["ranking"]["asOf"]["position"]
    first = next(e["node"] for e in ranking["edges"] if e["node"]["unitId"] == str(units[0]))
    assert first["score"] == "1.50"
    assert counts.statements > 2


def test_another_reader_is_never_given_a_kept_answer(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, units, _ = year
    _, office = asked(api, monkeypatch, RANKING, as_=OFFICE)
    assert len(office["data"]["ranking"]["edges"]) == 3
    counts, unit = asked(api, monkeypatch, RANKING, as_=filler(units[1]))
    assert [e["node"]["unitId"] for e in unit["data"]["ranking"]["edges"]] == [str(units[1])]
    assert counts.statements > 1


def test_an_inspectors_questions_are_each_answered_afresh_and_recorded(
    year: tuple[Api, list[UUID], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    api, _, _ = year
    before = api.events()
    for _ in range(2):
        counts, body = asked(api, monkeypatch, RANKING, as_=INSPECTOR)
        assert "errors" not in body
        assert counts.statements > 1
    assert api.events() == before + 2  # one InspectorRead each


def test_without_the_cache_every_answer_is_read(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with served(store_url, ApiSettings(answers_cached=0)) as api:
        open_year(api.app)
        enrolled_unit(api.app, "T001")
        project(api, store_url)
        (first, one), (second, two) = (asked(api, monkeypatch, RANKING, as_=OFFICE) for _ in "12")
        assert one == two
        assert first.statements == second.statements > 1


def test_the_least_recently_used_answer_leaves_first() -> None:
    cache = ResponseCache(entries=2)
    answers = {key: ExecutionResult(data={"n": key}) for key in ("a", "b", "c")}
    cache.put("a", answers["a"])
    cache.put("b", answers["b"])
    assert cache.get("a") is answers["a"]  # a is now the more recent
    cache.put("c", answers["c"])
    assert cache.get("b") is None
    assert cache.get("a") is answers["a"]
    assert cache.get("c") is answers["c"]
    assert len(cache) == 2
    assert (cache.hits, cache.misses) == (3, 1)


def test_the_answers_kept_stay_within_their_byte_budget() -> None:
    cache = ResponseCache(entries=10, budget=100)
    for key in "abc":
        cache.put(key, ExecutionResult(data={"n": key}), 40)
    assert cache.get("a") is None
    assert cache.size == 80
    cache.put("b", ExecutionResult(data={"n": "b2"}), 70)  # a new answer for b replaces it
    assert cache.size == 70
    assert cache.get("c") is None
    assert len(cache) == 1


@pytest.mark.parametrize(("text", "expected"), [("0", 0), ("5000", 5000)])
def test_the_cache_size_comes_from_the_environment(text: str, expected: int) -> None:
    assert ApiSettings.from_env({"DUKAO_API_ANSWERS_CACHED": text}).answers_cached == expected


def test_a_cache_size_that_is_not_a_count_is_refused() -> None:
    with pytest.raises(ValueError, match="DUKAO_API_ANSWERS_CACHED"):
        ApiSettings.from_env({"DUKAO_API_ANSWERS_CACHED": "-1"})
