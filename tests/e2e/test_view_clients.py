"""The view queries of a served PostgreSQL store, through a real GraphQL client (gql over
httpx: the schema fetched from the server, every document validated against it): a
generated year projected by the server's own follower (waited for until its views
reach the end of the log), read as an office, an inspector
and a unit would — the ranking with its ledgers, a page after the first at the same
checkpoint, the unit's own trail and target histories, and a replay under a revised
rulebook. Expected values come from the scoring engine's replay of the same store."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport
from psycopg import sql

from domain.actors import Actor
from domain.periods import OFFICE_TZ
from domain.scoring.result import YearResult
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.settings import Settings
from tests.builders import INSPECTOR, OFFICE, ROOT, filler
from tests.e2e.server import Server, bearer, start

YEAR = 2025
RANKING = """query Ranking($category: String!, $first: Int, $after: String) {
  ranking(year: 2025, period: "2025", category: $category, first: $first, after: $after) {
    asOf { position } pageInfo { hasNextPage endCursor }
    edges { node { unitId rank score grade
      ledger { total lines { edges { node { kind points eventIds } } } } } } } }"""
TRAIL = """query Trail($id: ID!) { auditTrail(subject: unit, id: $id, first: 100) {
  edges { node { event actorRole unitId evidence { sha256 } } } } }"""
HISTORY = """query History($unitId: ID!) { targets(year: 2025, unitId: $unitId) {
  edges { node { id history { edges { node { event actorRole } } } } } } }"""
REPLAY = """query Replay($rulebook: String!) { replay(year: 2025, rulebook: $rulebook) {
  changedUnits units(changedOnly: true) { edges { node { unitId scoreBefore scoreAfter } } } } }"""


@pytest.fixture(scope="module")
def served_year(
    pg_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, YearResult]]:
    """A generated tiny year in its own schema, served once its views are caught up."""
    schema = f"views_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    url = f"{pg_database}?schema={schema}"
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    writer = build_application(Settings(url), clock=clock, ids=SeededIds(11))
    try:
        generate_year(writer, clock, size="tiny", seed=11)
        official = writer.official_result(year=YEAR)
        head = writer.recorder.max_notification_id() or 0
    finally:
        writer.close()
    server = start(["serve", "--database-url", url], tmp_path_factory.mktemp("views") / "log")
    try:
        wait_until_projected(server, head)
        yield server, official
    finally:
        server.stop()
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def wait_until_projected(server: Server, head: int, within: float = 90.0) -> None:
    """Until the server's own projections have reached the end of the log."""
    probe = '{ ranking(year: 2025, period: "2025", category: "town") { asOf { position } } }'
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.data(probe, as_=OFFICE)["ranking"]["asOf"]["position"] == head:
            return
        time.sleep(0.25)
    raise AssertionError(f"the views did not reach {head} within {within:.0f} s:\n{server.log()}")


class Session:
    def __init__(self, server: Server, actor: Actor) -> None:
        transport = HTTPXTransport(
            url=server.url, headers={"Authorization": f"Bearer {bearer(actor)}"}, timeout=60
        )
        self.client = Client(transport=transport, fetch_schema_from_transport=True)

    def run(self, document: str, **variables: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.client.execute(
            GraphQLRequest(document, variable_values=variables)
        )
        return result


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


def test_an_office_pages_a_ranking_with_its_ledgers_at_one_checkpoint(
    served_year: tuple[Server, YearResult],
) -> None:
    server, official = served_year
    office = Session(server, OFFICE)
    for category in sorted({u.category for u in official.units}):
        first = office.run(RANKING, category=category, first=2)["ranking"]
        rest = office.run(RANKING, category=category, after=first["pageInfo"]["endCursor"])[
            "ranking"
        ]
        assert rest["asOf"] == first["asOf"]
        rows = nodes(first) + nodes(rest)
        expected = sorted(
            (u for u in official.units if u.category == category), key=lambda u: u.rank
        )
        assert [(r["unitId"], r["rank"], Decimal(r["score"])) for r in rows] == [
            (str(u.unit_id), u.rank, u.total) for u in expected
        ]
        for row, unit in zip(rows, expected, strict=True):
            lines = nodes(row["ledger"]["lines"])
            assert [tuple(x["eventIds"]) for x in lines] == [x.event_ids for x in unit.lines]
            assert sum(Decimal(x["points"]) for x in lines) == Decimal(row["ledger"]["total"])


def test_a_unit_reads_its_own_row_trail_and_histories_and_nothing_else(
    served_year: tuple[Server, YearResult],
) -> None:
    server, official = served_year
    unit = official.units[0]
    own = Session(server, filler(unit.unit_id))
    [row] = nodes(own.run(RANKING, category=unit.category)["ranking"])
    assert (row["unitId"], row["rank"]) == (str(unit.unit_id), unit.rank)
    trail = nodes(own.run(TRAIL, id=str(unit.unit_id))["auditTrail"])
    assert {entry["unitId"] for entry in trail} == {str(unit.unit_id)}
    for target in nodes(own.run(HISTORY, unitId=str(unit.unit_id))["targets"]):
        assert nodes(target["history"])[0] == {"event": "TargetProposed", "actorRole": "unit"}
    other = next(u for u in official.units if u.unit_id != unit.unit_id)
    with pytest.raises(TransportQueryError) as refused:
        own.run(TRAIL, id=str(other.unit_id))
    assert refused.value.errors[0]["extensions"]["code"] == "FORBIDDEN"  # type: ignore[index]


def test_an_inspector_replays_the_year_under_a_revised_rulebook(
    served_year: tuple[Server, YearResult],
) -> None:
    server, official = served_year
    adopted = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    revised = adopted.replace('points: "1"\n  cash_reward', 'points: "2"\n  cash_reward')
    replay = Session(server, INSPECTOR).run(REPLAY, rulebook=revised)["replay"]
    flags = {u.unit_id: sum(x.kind == "red_flag" for x in u.lines) for u in official.units}
    changed = {r["unitId"]: r for r in nodes(replay["units"])}
    assert replay["changedUnits"] == len(changed) == sum(1 for n in flags.values() if n)
    for unit_id, row in changed.items():
        gained = Decimal(row["scoreAfter"]) - Decimal(row["scoreBefore"])
        assert gained == flags[uuid.UUID(unit_id)]
