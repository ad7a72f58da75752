"""A supervision case on a served PostgreSQL store, through real GraphQL clients (gql over
httpx, documents validated against the schema the server serves): the supervision office
opens and assigns a case, the lead unit commits and reports progress, the office reads
the supervision ledger once the server's own projections have caught up, and an
inspector reads the ledger and the case with its history; the other unit sees nothing.

The server runs on the real clock, so the year is this year.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg import sql

from domain.periods import OFFICE_TZ
from tests.api.world import new_unit_input
from tests.builders import INSPECTOR, OFFICE, ROOT, SUPERVISION, filler
from tests.e2e.server import Server, start
from tests.e2e.test_graphql_clients import ADOPT, ENROL, OPEN, REGISTER, Session

TODAY = datetime.now(OFFICE_TZ).date()
YEAR = TODAY.year
OPEN_CASE = """mutation OpenCase($input: OpenCaseInput!) { openCase(input: $input) { caseId } }"""
ASSIGN = """mutation Assign($input: AssignCaseInput!) { assignCase(input: $input) { caseId } }"""
COMMIT = (
    """mutation Commit($input: CommitToCaseInput!) { commitToCase(input: $input) { caseId } }"""
)
PROGRESS = """mutation Progress($input: CaseReportInput!) {
  reportCaseProgress(input: $input) { caseId } }"""
LEDGER = """query Ledger($year: Int!) { supervisionLedger(year: $year) {
  asOf { position }
  counts { unitId attentionLevel open overdue escalated closed }
  edges { node { caseId unitId attentionLevel state status deadline overdue overdueDays
    missedReports } } } }"""
CASE = """query Case($id: ID!) { supervisionCase(id: $id) { caseId state status deadline
  history { edges { node { event actorRole actingUnit } } } } }"""


@pytest.fixture(scope="module")
def served(pg_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    schema = f"e2e_sup_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    log: Path = tmp_path_factory.mktemp("supervision-server") / "server.log"
    server = start(["serve", "--database-url", f"{pg_database}?schema={schema}"], log)
    yield server
    server.stop()
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


def year_with_two_units(server: Server) -> tuple[str, str]:
    office = Session(server, OFFICE)
    units = [
        office.run(REGISTER, input={"unit": new_unit_input(code), "sinceYear": YEAR})[
            "registerUnit"
        ]["id"]
        for code in ("S01", "S02")
    ]
    office.run(OPEN, input={"year": YEAR})
    rulebook = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    office.run(ADOPT, input={"year": YEAR, "rulebook": rulebook})
    for unit in units:
        office.run(ENROL, input={"year": YEAR, "unitId": unit})
    return units[0], units[1]


def ledger_once_projected(session: Session, state: str, within: float = 60.0) -> dict[str, Any]:
    """The ledger, once the server's projections show the case in `state`."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found: dict[str, Any] = session.run(LEDGER, year=YEAR)["supervisionLedger"]
        if [n["state"] for n in nodes(found)] == [state]:
            return found
        time.sleep(0.25)
    raise AssertionError(f"the ledger did not show the case {state} within {within:.0f} s")


def test_the_office_opens_the_unit_answers_and_the_office_and_an_inspector_read_the_ledger(
    served: Server,
) -> None:
    lead, other = year_with_two_units(served)
    supervision, unit = Session(served, SUPERVISION), Session(served, filler(UUID(lead)))
    deadline = TODAY + timedelta(days=20)
    opened = supervision.run(
        OPEN_CASE,
        input={
            "year": YEAR,
            "matter": {"title": "征地拆迁滞后", "requirement": "限期完成签约",
                       "source": "leader_instruction", "sourceRef": "领导批示 12 号"},
            "attentionLevel": "key",
            "leadUnit": lead,
            "deadline": deadline.isoformat(),
        },
    )  # fmt: skip
    case_id = opened["openCase"]["caseId"]
    supervision.run(ASSIGN, input={"caseId": case_id, "instructions": "三日一通报"})
    unit.run(
        COMMIT,
        input={
            "caseId": case_id,
            "promisedOn": (TODAY + timedelta(days=10)).isoformat(),
            "measures": "专班推进，每日调度",
        },
    )
    unit.run(PROGRESS, input={"caseId": case_id, "narrative": "已完成签约 60%"})

    ledger = ledger_once_projected(supervision, "in_progress")
    (row,) = nodes(ledger)
    assert row == {
        "caseId": case_id, "unitId": lead, "attentionLevel": "key", "state": "in_progress",
        "status": "open", "deadline": deadline.isoformat(), "overdue": False, "overdueDays": 0,
        "missedReports": 0,
    }  # fmt: skip
    assert ledger["counts"] == [
        {"unitId": lead, "attentionLevel": "key", "open": 1, "overdue": 0, "escalated": 0,
         "closed": 0}
    ]  # fmt: skip

    inspector = Session(served, INSPECTOR)
    assert inspector.run(LEDGER, year=YEAR)["supervisionLedger"] == ledger
    case = inspector.run(CASE, id=case_id)["supervisionCase"]
    assert (case["state"], case["status"]) == ("in_progress", "open")
    assert [(n["event"], n["actorRole"], n["actingUnit"]) for n in nodes(case["history"])] == [
        ("Opened", "supervision_office", None),
        ("Assigned", "supervision_office", None),
        ("Committed", "unit", lead),
        ("ProgressReported", "unit", lead),
    ]

    stranger = Session(served, filler(UUID(other)))
    assert nodes(stranger.run(LEDGER, year=YEAR)["supervisionLedger"]) == []
    denied = served.query(CASE, as_=filler(UUID(other)), id=case_id)
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert denied["data"] == {"supervisionCase": None}
