"""The inspector's tools on a served PostgreSQL store through a real GraphQL client (gql
over httpx, every document validated against the schema fetched from the server; issue 8
points 3, 5 and 7): the office publishes a signed digest; an inspector asks why a unit of
a generated tiny year has its score, takes an event behind a line, asks its inclusion
proof in the published digest's tree and has it verified against that digest; verifies
the whole log; and each of the inspector's queries is one InspectorRead event in the log,
the office's none."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any, cast

import psycopg
import pytest
from eventsourcing.utils import get_topic
from psycopg import sql

from domain.integrity.inspections import InspectorRead
from domain.periods import OFFICE_TZ
from domain.scoring.result import YearResult
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer
from infrastructure.settings import Settings
from tests.builders import INSPECTOR, OFFICE
from tests.e2e.server import Server, start
from tests.e2e.test_view_clients import Session, wait_until_projected

YEAR = 2025
PUBLISH = """mutation Publish { publishLogDigest(input: {idempotencyKey: "e2e-digest"}) {
  digest { treeSize root } signature { keyId } } }"""
EXPLAIN = """query Explain($unitId: ID!) { explainScore(year: 2025, unitId: $unitId) {
  total rank grade gradeClause { id seed article }
  lines { key points clause { id text seed article }
    events { position eventId event actorId actorRole recordedAt reason
             evidence { fileName sha256 } } } } }"""
LATEST = """query Latest { latestDigest { notificationId signature { keyId }
  digest { treeSize lastNotificationId root chainHead } } }"""
PROOF = """query Proof($n: Int!, $size: Int) { inclusionProof(notificationId: $n, treeSize: $size) {
  notificationId leafIndex treeSize leafHash path root } }"""
CHECK = """query Check($proof: InclusionProofInput!) { verifyInclusion(proof: $proof) {
  verified pathHolds problems compared { treeSize root } } }"""
VERIFY = """query Verify { verifyLog { intact events digestsChecked signaturesChecked seconds
  firstBroken { code } } }"""


@pytest.fixture(scope="module")
def served(
    pg_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, YearResult, str]]:
    """A generated tiny year in its own schema, served with a digest signing key."""
    schema = f"inspect_{uuid.uuid4().hex[:10]}"
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
    signer = Ed25519Signer.generate()
    env = {KEY_VARIABLE: signer.private_hex()}
    server = start(
        ["serve", "--database-url", url], tmp_path_factory.mktemp("inspect") / "log", env
    )
    try:
        wait_until_projected(server, head)
        yield server, official, url
    finally:
        server.stop()
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def inspector_reads(url: str) -> list[InspectorRead.Recorded]:
    app = build_application(Settings(url))
    try:
        topic = [get_topic(InspectorRead.Recorded)]
        stored = app.recorder.select_notifications(1, 10**6, topics=topic)
        return [cast(InspectorRead.Recorded, app.mapper.to_domain_event(s)) for s in stored]
    finally:
        app.close()


def test_an_inspector_proves_an_event_behind_a_score_is_in_the_published_digest(
    served: tuple[Server, YearResult, str],
) -> None:
    server, official, url = served
    office, inspector = Session(server, OFFICE), Session(server, INSPECTOR)
    before = len(inspector_reads(url))
    published = office.run(PUBLISH)["publishLogDigest"]
    assert published["signature"]["keyId"]

    unit = max(official.units, key=lambda u: len(u.lines))
    explained = inspector.run(EXPLAIN, unitId=str(unit.unit_id))["explainScore"]
    assert (explained["rank"], explained["grade"]) == (unit.rank, str(unit.grade))
    traced = [(line, e) for line in explained["lines"] for e in line["events"] if e["evidence"]]
    line, event = traced[0]
    assert line["clause"]["seed"]
    assert event["actorId"]
    assert len(event["evidence"][0]["sha256"]) == 64

    latest: dict[str, Any] = inspector.run(LATEST)["latestDigest"]
    assert latest["digest"]["treeSize"] == published["digest"]["treeSize"]
    assert latest["signature"] == published["signature"]
    size = latest["digest"]["treeSize"]
    proof = inspector.run(PROOF, n=event["position"], size=size)["inclusionProof"]
    assert (proof["notificationId"], proof["treeSize"]) == (event["position"], size)
    check = inspector.run(CHECK, proof=proof)["verifyInclusion"]
    assert check == {
        "verified": True,
        "pathHolds": True,
        "problems": [],
        "compared": [{"treeSize": size, "root": latest["digest"]["root"]}],
    }
    forged = proof | {"leafHash": "00" * 32}
    assert inspector.run(CHECK, proof=forged)["verifyInclusion"]["verified"] is False

    verified = inspector.run(VERIFY)["verifyLog"]
    assert verified["intact"] is True
    assert verified["firstBroken"] is None
    assert (verified["digestsChecked"], verified["signaturesChecked"]) == (1, 1)
    print(f"verifyLog: {verified['events']} events in {verified['seconds']} s (PostgreSQL)")

    reads = inspector_reads(url)[before:]
    assert [r.operation for r in reads] == [
        "explainScore", "latestDigest", "inclusionProof", "verifyInclusion", "verifyInclusion",
        "verifyLog",
    ]  # fmt: skip
    assert {r.meta.actor_id for r in reads} == {INSPECTOR.user_id}
    assert reads[2].arguments == {"inclusionProof": {"notificationId": event["position"],
                                                     "treeSize": size}}  # fmt: skip
