"""Every statement the view queries run is served by an index, on PostgreSQL: each one
the API sends while answering every view query (now and as of a past point, as a reader
and as a unit user) is explained with sequential scans priced out, and no plan may
still scan a table sequentially (a tiny year's tables are small enough that the planner
would rightly prefer a scan; priced out, only a missing index leaves it one); and the
columns it asks to be equal are exactly the leading columns of one of its table's
indexes, which a plan on tiny tables cannot show (the planner may rightly use fewer)."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg import sql

from projections.sql import ViewTransaction
from tests.api.views_year import ViewsYear, views_year
from tests.builders import INSPECTOR, OFFICE, filler


@pytest.fixture(scope="module")
def year(pg_database: str) -> Iterator[ViewsYear]:
    schema = f"ix_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    with views_year(f"{pg_database}?schema={schema}") as found:
        yield found
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


class Recording:
    def __init__(self, cursor: Any, seen: list[tuple[str, tuple[Any, ...]]]) -> None:
        self._cursor, self._seen = cursor, seen

    def execute(self, statement: str, params: Any = ()) -> Any:
        self._seen.append((statement, tuple(params)))
        return self._cursor.execute(statement, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def recording(opened: Callable[[], Any], seen: list[tuple[str, tuple[Any, ...]]]) -> Any:
    @contextmanager
    def recorded() -> Iterator[ViewTransaction]:
        with opened() as tx:
            tx.cursor = Recording(tx.cursor, seen)
            yield tx

    return recorded


def queries(year: ViewsYear) -> list[tuple[str, Any]]:
    """Every view query (and target histories), now and in the past, as a reader and as
    a unit user: (field with its arguments and selection, actor)."""
    unit = year.official.units[0]
    mine = filler(unit.unit_id)
    target = next(line.target_id for line in unit.lines if line.target_id)
    month = next(w.month for w in year.official.warnings if str(w.level) != "none")
    lines = "rank ledger { total lines { edges { node { points } } } }"
    ranked = f'ranking(year: 2025, period: "2025-06", category: "{unit.category}"'
    board = f'warningBoard(year: 2025, month: "{month}"'
    past = 'asOf: {at: "2025-07-01T00:00:00+08:00"}'
    cursors = "{ edges { cursor } }"
    history = f"{{ history {cursors} }}"
    return [
        (f"{ranked}) {{ edges {{ node {{ {lines} }} }} }}", OFFICE),
        (f"{ranked}, {past}) {{ edges {{ node {{ {lines} }} }} }}", OFFICE),
        (f"{ranked}, asOf: {{position: 900}}) {cursors}", OFFICE),
        (f"{ranked}) {cursors}", mine),
        (f"{board}) {cursors}", OFFICE),
        (f"{board}, {past}) {cursors}", OFFICE),
        (f"{board}) {cursors}", mine),
        (f"rewardLedger(year: 2025) {cursors}", OFFICE),
        (f"rewardLedger(year: 2025, {past}) {cursors}", mine),
        (f'auditTrail(subject: unit, id: "{unit.unit_id}") {cursors}', INSPECTOR),
        (f'auditTrail(subject: target, id: "{target}") {cursors}', INSPECTOR),
        (f'auditTrail(subject: actor, id: "office-li") {cursors}', mine),
        (f'targets(year: 2025, unitId: "{unit.unit_id}") {{ edges {{ node {history} }} }}', OFFICE),
        *record_queries(year, past, cursors),
    ]  # fmt: skip


def record_queries(year: ViewsYear, past: str, cursors: str) -> list[tuple[str, Any]]:
    """The issue-7 queries: the supervision ledger and a case, campaigns, special
    results and the year end."""
    case = year.api.app.supervision_ledger(year=2025)[0]
    mine = filler(UUID(case.unit_id))
    ledger = "{ counts { open } edges { cursor } }"
    steps = f"{{ steps {cursors} objections {cursors} }}"
    return [
        (f"supervisionLedger(year: 2025) {ledger}", OFFICE),
        (f"supervisionLedger(year: 2025, {past}) {ledger}", OFFICE),
        (f"supervisionLedger(year: 2025) {ledger}", mine),
        (f'supervisionCase(id: "{case.case_id}") {{ notices {{ number }} history {cursors} }}',
         mine),
        (f'supervisionCase(id: "{case.case_id}", {past}) {{ state }}', INSPECTOR),
        (f"evaluationCampaigns(year: 2025) {cursors}", OFFICE),
        (f"evaluationCampaigns(year: 2025, {past}) {cursors}", mine),
        (f"specialAssessmentResults(year: 2025) {cursors}", OFFICE),
        (f"specialAssessmentResults(year: 2025, {past}) {cursors}", mine),
        (f"yearEnd(year: 2025) {steps}", OFFICE),
        (f"yearEnd(year: 2025, {past}) {steps}", mine),
    ]  # fmt: skip


def sequential_scans(plan: Any) -> list[str]:
    found = [plan["Relation Name"]] if plan.get("Node Type") == "Seq Scan" else []
    for child in plan.get("Plans", []):
        found += sequential_scans(child)
    return found


def indexes(tx: ViewTransaction) -> dict[str, list[list[str]]]:
    """Each table's indexes, as their column lists."""
    found: dict[str, list[list[str]]] = {}
    for table, definition in tx.rows(
        "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
    ):
        columns = re.search(r"\((.*?)\)", str(definition))
        assert columns is not None
        found.setdefault(str(table), []).append(columns.group(1).split(", "))
    return found


def unserved(statement: str, known: dict[str, list[list[str]]]) -> str | None:
    """The columns `statement` asks to be equal (or in a list) unless some index leads
    with exactly them. Within one subject's audit trail the unit is a filter: a trail is
    read a page at a time in position order."""
    table = re.findall(r"FROM (\w+)", statement)[-1]
    equal = r"(\w+) (?:= %s|IN \()"
    wanted = set(re.findall(f"WHERE {equal}" if table == "view_audit_trail" else equal, statement))
    leading = [
        set(columns[:k]) for columns in known.get(table, []) for k in range(1, len(columns) + 1)
    ]
    if not wanted or wanted in leading:
        return None
    return f"no index of {table} leads with {sorted(wanted)}"


def test_every_view_statement_is_served_by_an_index(
    year: ViewsYear, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, seen = year.api.app.view_reader, []
    for opening in ("reading", "transaction"):
        monkeypatch.setattr(store, opening, recording(getattr(store, opening), seen))
    for query, actor in queries(year):
        assert "errors" not in year.api.post(f"{{ {query} }}", as_=actor), query
    monkeypatch.undo()

    assert len(seen) > 30
    wrong = []
    with store.transaction() as tx:  # type: ignore[union-attr]
        known = indexes(tx)
        tx.execute("SET LOCAL enable_seqscan = off")
        for statement, params in dict.fromkeys(seen):
            [(plan,)] = tx.rows(f"EXPLAIN (FORMAT JSON) {statement}", params)
            plan = json.loads(plan) if isinstance(plan, str) else plan
            scans = sequential_scans(plan[0]["Plan"])
            problems = [f"a sequential scan of {scans}"] * bool(scans) + [
                unserved(statement, known)
            ]
            wrong += [f"{problem}: {statement}" for problem in problems if problem]
    assert not wrong, "\n".join(wrong)
