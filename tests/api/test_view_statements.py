"""A ranking with every row's ledger is a bounded number of SQL statements (issue 6
point 4), on both stores: 150 units cost what 2 units cost, because the ledgers of a
page are loaded together (DataLoaders per request: the results, then the lines) and
the checkpoint is resolved once per request.

Statements are counted on the view store's cursors: every `execute` of every read the
request opens (`reading`, `transaction`); BEGIN, COMMIT and the search path a pooled
PostgreSQL connection is given once are not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.sql import ViewTransaction
from tests.api.harness import Api, served
from tests.builders import OFFICE, YEAR, enrolled_unit, open_year

TOWNS, DEPARTMENTS = 150, 2
QUERY = """query($category: String!, $after: String) {
  ranking(year: 2025, period: "2025-01", category: $category, first: 100, after: $after) {
    asOf { position } pageInfo { hasNextPage endCursor }
    edges { node { unitId rank score
      ledger { unitId total lines { edges { node { kind points clauseId eventIds } } } } } } } }"""


@dataclass
class Counts:
    statements: int = 0
    transactions: int = 0


class CountingCursor:
    def __init__(self, cursor: Any, counts: Counts) -> None:
        self._cursor, self._counts = cursor, counts

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        self._counts.statements += 1
        return self._cursor.execute(*args, **kwargs)

    def executemany(self, *args: Any, **kwargs: Any) -> Any:
        self._counts.statements += 1
        return self._cursor.executemany(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def counting(opened: Callable[[], Any], counts: Counts) -> Callable[[], Any]:
    """The view store's `reading` or `transaction`, counting what runs through it."""

    @contextmanager
    def counted() -> Iterator[ViewTransaction]:
        counts.transactions += 1
        with opened() as tx:
            tx.cursor = CountingCursor(tx.cursor, counts)
            yield tx

    return counted


@pytest.fixture(scope="module")
def county(module_store_url: str) -> Iterator[Api]:
    """150 towns and 2 departments, each with a bonus line, projected."""
    with served(module_store_url) as api:
        open_year(api.app)
        units = [enrolled_unit(api.app, f"T{n:03d}") for n in range(TOWNS)]
        units += [
            enrolled_unit(api.app, f"G{n:03d}", "government_department") for n in range(DEPARTMENTS)
        ]
        for unit in units:
            api.app.grant_bonus(
                year=YEAR, unit_id=unit, points=Decimal("0.5"), reason="创新", basis="文件",
                by=OFFICE,
            )  # fmt: skip
        runner = projection_runner(api.app, Settings(module_store_url))
        runner.start()
        runner.catch_up()
        runner.log.close()  # type: ignore[attr-defined]
        yield api


def counted(api: Api, monkeypatch: pytest.MonkeyPatch, **variables: Any) -> tuple[Counts, Any]:
    store, counts = api.app.view_reader, Counts()
    with monkeypatch.context() as patch:
        for opening in ("reading", "transaction"):
            patch.setattr(store, opening, counting(getattr(store, opening), counts))
        found = api.data(QUERY, variables, as_=OFFICE)["ranking"]
    return counts, found


def test_a_ranking_of_150_units_with_ledgers_costs_what_one_of_2_units_costs(
    county: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, page1 = counted(county, monkeypatch, category="town")
    cursor = page1["pageInfo"]["endCursor"]
    second, page2 = counted(county, monkeypatch, category="town", after=cursor)
    small, departments = counted(county, monkeypatch, category="government_department")

    rows = [edge["node"] for page in (page1, page2) for edge in page["edges"]]
    assert [row["rank"] for row in rows] == list(range(1, TOWNS + 1))
    assert len(departments["edges"]) == DEPARTMENTS
    for row in rows + [edge["node"] for edge in departments["edges"]]:
        assert row["ledger"]["unitId"] == row["unitId"]
        [line] = [edge["node"] for edge in row["ledger"]["lines"]["edges"]]
        assert (line["kind"], line["points"]) == ("bonus", "0.50")
    assert page1["asOf"] == page2["asOf"]  # the second page is read at the first's checkpoint
    # The checkpoint, the ranking page, the page's results, their lines: four reads,
    # each a statement and then the check of the newest checkpoint (the first is that
    # check alone), for 100 rows, 50 rows or 2 rows alike.
    assert first == second == small
    assert (first.transactions, first.statements) == (4, 7)
