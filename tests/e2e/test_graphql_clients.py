"""A served API on PostgreSQL, used through a real GraphQL client library (gql over
httpx, which fetches the schema and validates every document against it) as an office,
a unit, a reviewer, a leader and an inspector would: a target from proposal through the
four-level review to a verified progress report, and what each may not do.

The server runs on the real clock, so the year is this year and the report is for this
month (started, not closed).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport
from psycopg import sql

from domain.actors import Actor
from domain.periods import OFFICE_TZ
from domain.vocabulary import Role
from tests.api.world import new_unit_input, spec
from tests.builders import INSPECTOR, LEADER, OFFICE, REVIEWER, ROOT
from tests.e2e.server import Server, bearer, start

NOW = datetime.now(OFFICE_TZ)
YEAR, MONTH = NOW.year, f"{NOW.year}-{NOW.month:02d}"


@pytest.fixture(scope="module")
def served_pg(pg_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    schema = f"e2e_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    log = tmp_path_factory.mktemp("pg-server") / "server.log"
    server = start(["serve", "--database-url", f"{pg_database}?schema={schema}"], log)
    yield server
    server.stop()
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


class Session:
    """One user's gql client: the schema fetched from the server, documents checked."""

    def __init__(self, server: Server, actor: Actor, correlation_id: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {bearer(actor)}"}
        if correlation_id:
            headers["X-Correlation-Id"] = correlation_id
        transport = HTTPXTransport(url=server.url, headers=headers, timeout=30)
        self.client = Client(transport=transport, fetch_schema_from_transport=True)

    def run(self, document: str, **variables: Any) -> dict[str, Any]:
        request = GraphQLRequest(document, variable_values=variables)
        result: dict[str, Any] = self.client.execute(request)
        return result

    def refused(self, document: str, **variables: Any) -> dict[str, Any]:
        with pytest.raises(TransportQueryError) as caught:
            self.run(document, **variables)
        [error] = caught.value.errors or []
        extensions: dict[str, Any] = error["extensions"]
        return extensions


REGISTER = (
    """mutation Register($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }"""
)
OPEN = """mutation Open($input: YearCommandInput!) {
  openYear(input: $input) { assessmentYear { year rulebookVersion } } }"""
ADOPT = """mutation Adopt($input: AdoptRulebookInput!) {
  adoptRulebook(input: $input) { sha256 assessmentYear { rulebookVersion } } }"""
ENROL = """mutation Enrol($input: EnrolUnitInput!) {
  enrolUnit(input: $input) { unitId category assessmentYear { enrolledUnits } } }"""
PROPOSE = """mutation Propose($input: ProposeTargetInput!) {
  proposeTarget(input: $input) { targetId unitId } }"""
REVIEW = (
    """mutation Review($input: ReviewTargetInput!) { reviewTarget(input: $input) { targetId } }"""
)
REPORT = """mutation Report($input: ReportProgressInput!) {
  reportProgress(input: $input) { monthlyReturnId period } }"""
VERIFY = (
    """mutation Verify($input: VerifyProgressInput!) { verifyProgress(input: $input) { period } }"""
)
BONUS = """mutation Bonus($input: GrantBonusInput!) { grantBonus(input: $input) { id } }"""
TARGETS = """query Targets($year: Int!, $unitId: ID!, $after: String) {
  targets(year: $year, unitId: $unitId, first: 1, after: $after) {
    edges { cursor node { number title status awaiting weight } }
    pageInfo { hasNextPage endCursor } } }"""
REPORTS = """query Reports($year: Int!, $unitId: ID!, $period: String!) {
  progressReports(year: $year, unitId: $unitId, period: $period) {
    edges { node { targetNumber status narrative } } } }"""
LOG = """query Log($after: Int) {
  eventLog(first: 100, after: $after) { topic actorId actorRole correlationId } }"""


def test_an_office_a_unit_a_reviewer_a_leader_and_an_inspector_at_work(
    served_pg: Server,
) -> None:
    office = Session(served_pg, OFFICE, correlation_id="office-session-1")
    a = office.run(REGISTER, input={"unit": new_unit_input("E01"), "sinceYear": YEAR})
    b = office.run(REGISTER, input={"unit": new_unit_input("E02"), "sinceYear": YEAR})
    unit_a, unit_b = a["registerUnit"]["id"], b["registerUnit"]["id"]
    office.run(OPEN, input={"year": YEAR})
    rulebook = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    adopted = office.run(ADOPT, input={"year": YEAR, "rulebook": rulebook})
    assert len(adopted["adoptRulebook"]["sha256"]) == 64
    for unit_id in (unit_a, unit_b):
        enrolled = office.run(ENROL, input={"year": YEAR, "unitId": unit_id})
    assert enrolled["enrolUnit"]["assessmentYear"]["enrolledUnits"] == 2

    filler = Session(served_pg, Actor(user_id="filler-e01", role=Role.UNIT, unit_id=unit_a))
    ids = {"year": YEAR, "unitId": unit_a}
    target_ids = [
        filler.run(PROPOSE, input=ids | {"spec": spec(weight)})["proposeTarget"]["targetId"]
        for weight in ("60", "40")
    ]
    deciders = {
        "business_department": Session(served_pg, REVIEWER),
        "assessment_office": office,
        "leader_in_charge": Session(served_pg, LEADER),
        "leading_group": Session(served_pg, LEADER),
    }
    for level, session in deciders.items():
        for target_id in target_ids:
            session.run(
                REVIEW, input=ids | {"targetId": target_id, "level": level, "approve": True}
            )

    report = ids | {"targetId": target_ids[0], "period": MONTH}
    filler.run(REPORT, input=report | {"value": str(NOW.month), "narrative": "按序时推进"})
    reviewer = deciders["business_department"]
    [waiting] = reviewer.run(REPORTS, year=YEAR, unitId=unit_a, period=MONTH)["progressReports"][
        "edges"
    ]
    assert waiting["node"] == {"targetNumber": 1, "status": "submitted", "narrative": "按序时推进"}
    verified = reviewer.run(VERIFY, input=report | {"approve": True})
    assert verified["verifyProgress"]["period"] == MONTH
    [counted] = filler.run(REPORTS, year=YEAR, unitId=unit_a, period=MONTH)["progressReports"][
        "edges"
    ]
    assert counted["node"]["status"] == "verified"

    # The unit sees its own list a page at a time, and nothing of the other unit.
    first = filler.run(TARGETS, year=YEAR, unitId=unit_a)["targets"]
    assert [e["node"]["status"] for e in first["edges"]] == ["approved"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = filler.run(TARGETS, year=YEAR, unitId=unit_a, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["weight"] for e in second["targets"]["edges"]] == ["40"]
    assert second["targets"]["pageInfo"]["hasNextPage"] is False
    assert filler.refused(TARGETS, year=YEAR, unitId=unit_b)["code"] == "FORBIDDEN"
    bonus = {"year": YEAR, "unitId": unit_a, "points": "1", "reason": "自评", "basis": "无"}
    assert filler.refused(BONUS, input=bonus)["code"] == "FORBIDDEN"
    assert filler.refused(LOG)["code"] == "FORBIDDEN"

    # The inspector reads every event with who caused it, and changes nothing: the only
    # events it leaves are its reads, each recorded before it is served (issue 8 point 7).
    inspector = Session(served_pg, INSPECTOR)
    events = inspector.run(LOG)["eventLog"]
    assert {e["actorRole"] for e in events} == {
        "assessment_office",
        "unit",
        "reviewer",
        "leader",
        "inspector",
    }
    [own_read] = [e for e in events if e["actorRole"] == "inspector"]
    assert own_read["topic"].endswith("InspectorRead.Recorded")
    office_events = [e for e in events if e["actorId"] == OFFICE.user_id]
    assert {e["correlationId"] for e in office_events} == {"office-session-1"}
    assert inspector.refused(BONUS, input=bonus)["code"] == "FORBIDDEN"
    again = inspector.run(LOG)["eventLog"]  # nothing stored since but this read
    assert [e["actorRole"] for e in again[len(events) :]] == ["inspector"]

    log = Path(served_pg.output).read_text("utf-8")
    assert '"operation":"reviewTarget"' in log
    assert bearer(OFFICE) not in log
