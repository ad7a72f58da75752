"""The inspector's tools in the API (issue 8 points 3, 5, 7): `explainScore` gives the
application's trace as it is; digests are published by the office and read by readers;
inclusion and consistency proofs verify against a digest and fail against anything else;
`verifyLog` names what is broken; and every query an inspector runs leaves exactly one
InspectorRead event naming it, while nobody else's does."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, cast

import pytest
from eventsourcing.utils import get_topic

from domain.integrity.inspections import InspectorRead
from infrastructure.integrity.signing import Ed25519Signer
from tests.api.harness import Api, served
from tests.api.views_year import ViewsYear, views_year
from tests.builders import INSPECTOR, LEADER, OFFICE, ROOT, enrolled_unit, filler, open_year
from tests.tamper import Tamperer

EXPLAIN = """query Explain($unitId: ID!) { explainScore(year: 2025, unitId: $unitId) {
  unitId total rank grade awardsAllowed rulebookSha256 asOf { position }
  gradeClause { id text seed article } consequences { id }
  lines { key kind points detail clause { id text seed article }
    events { position eventId event actorId actorRole recordedAt reason effectivePeriod
             evidence { fileName sha256 } } } } }"""
PROOF = """query Proof($n: Int!, $size: Int) { inclusionProof(notificationId: $n, treeSize: $size) {
  notificationId leafIndex treeSize leafHash path root } }"""
CHECK = """query Check($proof: InclusionProofInput!, $digest: LogDigestInput) {
  verifyInclusion(proof: $proof, digest: $digest) {
    verified pathHolds problems compared { treeSize root } } }"""
CONSISTENCY = """query C($from: Int!, $to: Int) { consistencyProof(fromSize: $from, toSize: $to) {
  firstSize secondSize firstRoot secondRoot path } }"""
CHECK_CONSISTENCY = """query CC($proof: ConsistencyProofInput!, $second: LogDigestInput) {
  verifyConsistency(proof: $proof, second: $second) { verified pathHolds problems } }"""
DIGEST = "{ logDigest { treeSize lastNotificationId root chainHead } }"
PUBLISH = """mutation P($input: PublishLogDigestInput!) { publishLogDigest(input: $input) {
  digest { treeSize root } signature { keyId } } }"""
LATEST = """{ latestDigest { notificationId digest { treeSize lastNotificationId root chainHead }
  signature { keyId } } }"""
VERIFY = """query V($against: [LogDigestInput!]) { verifyLog(against: $against) {
  intact events lastNotificationId digestsChecked signaturesChecked seconds
  firstBroken { notificationId code message } problems { code } } }"""
READ_TOPIC = get_topic(InspectorRead.Recorded)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ViewsYear]:
    with views_year(f"sqlite:///{tmp_path_factory.mktemp('inspector')}/events.sqlite") as made:
        yield made


def reads(api: Api) -> list[InspectorRead.Recorded]:
    stored = api.app.recorder.select_notifications(1, 10**6, topics=[READ_TOPIC])
    return [cast(InspectorRead.Recorded, api.app.mapper.to_domain_event(s)) for s in stored]


def codes(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["extensions"]["code"], e["extensions"].get("field")) for e in body["errors"]]


# -- explainScore (point 5) --------------------------------------------------------------


def test_explain_score_is_the_applications_trace_of_every_unit(year: ViewsYear) -> None:
    api = year.api
    for unit in year.official.units:
        got = api.data(EXPLAIN, {"unitId": str(unit.unit_id)}, as_=INSPECTOR)["explainScore"]
        expected = api.app.explain_score(
            year=2025, unit_id=unit.unit_id, as_of=got["asOf"]["position"]
        )
        assert (Decimal(got["total"]), got["rank"], got["grade"]) == (
            unit.total, unit.rank, str(unit.grade),
        )  # fmt: skip
        assert sum(Decimal(line["points"]) for line in got["lines"]) == unit.total
        assert got["gradeClause"]["id"] == unit.grade_clause_id
        assert [(x["key"], Decimal(x["points"]), x["clause"]["id"]) for x in got["lines"]] == [
            (x.line_key, x.points, x.clause.id if x.clause else None) for x in expected.lines
        ]
        for line, traced in zip(got["lines"], expected.lines, strict=True):
            assert [(e["position"], e["eventId"], e["actorId"], e["actorRole"]) for e in
                    line["events"]] == [
                (e.position, e.event_ref, e.actor_id, e.actor_role) for e in traced.events
            ]  # fmt: skip
            files = [(f["fileName"], f["sha256"]) for e in line["events"] for f in e["evidence"]]
            assert files == [
                (f["file_name"], f["sha256"]) for e in traced.events for f in e.evidence
            ]


def test_every_line_names_its_clause_source_and_events_with_who_when_and_evidence(
    year: ViewsYear,
) -> None:
    api = year.api
    lines = [
        line
        for unit in year.official.units
        for line in api.data(EXPLAIN, {"unitId": str(unit.unit_id)}, as_=INSPECTOR)["explainScore"][
            "lines"
        ]
    ]
    assert all(all(line["clause"][k] for k in ("id", "text", "seed", "article")) for line in lines)
    events = [event for line in lines for event in line["events"]]
    assert events
    assert all(e["actorId"] and e["actorRole"] and e["recordedAt"] for e in events)
    evidence = [f for e in events for f in e["evidence"]]
    assert evidence
    assert all(len(f["sha256"]) == 64 for f in evidence)


def test_explaining_a_unit_without_a_score_is_not_found_and_a_unit_user_is_refused(
    year: ViewsYear,
) -> None:
    api = year.api
    unknown = api.post(EXPLAIN, {"unitId": "00000000-0000-0000-0000-000000000000"}, as_=OFFICE)
    assert codes(unknown) == [("NOT_FOUND", "unitId")]
    own = year.official.units[0].unit_id
    refused = api.post(EXPLAIN, {"unitId": str(own)}, as_=filler(own))
    assert codes(refused) == [("FORBIDDEN", "authorization")]
    assert refused["data"] is None


# -- every inspector read recorded, once (points 3 and 7) -----------------------------------


def test_an_inspectors_query_leaves_one_event_naming_the_operation_and_its_arguments(
    year: ViewsYear,
) -> None:
    api = year.api
    unit = str(year.official.units[0].unit_id)
    ledger = " ledger: unitLedger(year: 2025, unitId: $unitId) { total }"
    query = EXPLAIN.replace("($unitId: ID!) {", "($unitId: ID!) {" + ledger, 1)
    before = reads(api)
    api.data(query, {"unitId": unit}, as_=INSPECTOR, headers={"X-Correlation-Id": "look-1"})
    [read] = reads(api)[len(before) :]
    assert read.operation == "explainScore+unitLedger"
    assert read.arguments == {
        "explainScore": {"year": 2025, "unitId": unit},
        "ledger": {"year": 2025, "unitId": unit},
    }
    assert read.query_sha256 == hashlib.sha256(query.encode()).hexdigest()
    assert (read.meta.actor_id, read.meta.actor_role) == (INSPECTOR.user_id, "inspector")
    assert read.meta.correlation_id == "look-1"


def test_nobody_elses_query_is_recorded_nor_an_inspectors_refused_mutation(
    year: ViewsYear,
) -> None:
    api = year.api
    unit = year.official.units[0].unit_id
    before = len(reads(api))
    api.data(EXPLAIN, {"unitId": str(unit)}, as_=OFFICE)
    api.data(EXPLAIN, {"unitId": str(unit)}, as_=LEADER)
    api.data(f'{{ unitLedger(year: 2025, unitId: "{unit}") {{ total }} }}', as_=filler(unit))
    events = api.events()
    refused = api.post(PUBLISH, {"input": {}}, as_=INSPECTOR)
    assert codes(refused) == [("FORBIDDEN", "authorization")]
    assert api.events() == events
    invalid = api.post("{ explainScore(year: 2025) { total } }", as_=INSPECTOR)
    assert codes(invalid)[0][0] == "INVALID_QUERY"
    api.data("{ health __typename }", as_=INSPECTOR)
    assert len(reads(api)) == before
    assert api.events() == events


def test_an_inspectors_query_that_is_refused_is_recorded_and_a_long_argument_by_its_hash(
    year: ViewsYear,
) -> None:
    api = year.api
    before = len(reads(api))
    unknown = api.post(EXPLAIN, {"unitId": "00000000-0000-0000-0000-000000000000"}, as_=INSPECTOR)
    assert codes(unknown) == [("NOT_FOUND", "unitId")]
    rulebook = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    replay = "query R($r: String!) { replay(year: 2025, rulebook: $r) { changedUnits } }"
    api.data(replay, {"r": rulebook}, as_=INSPECTOR)
    refused, replayed = reads(api)[before:]
    assert refused.operation == "explainScore"
    assert replayed.arguments == {
        "replay": {
            "year": 2025,
            "rulebook": {
                "sha256": hashlib.sha256(rulebook.encode()).hexdigest(),
                "length": len(rulebook.encode()),
            },
        }
    }


def test_a_read_that_cannot_be_recorded_is_not_served(
    year: ViewsYear, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = year.api
    unit = str(year.official.units[0].unit_id)

    def store_down(**_: object) -> None:
        raise OSError("the store is unreachable")

    monkeypatch.setattr(api.app, "record_inspector_read", store_down)
    body = api.post(EXPLAIN, {"unitId": unit}, as_=INSPECTOR)
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INTERNAL"]
    assert "unreachable" not in str(body)
    assert api.data(EXPLAIN, {"unitId": unit}, as_=OFFICE)["explainScore"]["total"]


# -- digests and proofs (point 3) -----------------------------------------------------------


def test_an_event_of_a_trace_is_proven_included_in_the_published_signed_digest(
    year: ViewsYear,
) -> None:
    api = year.api
    api.app.digest_signer = Ed25519Signer.generate()
    try:
        published = api.data(PUBLISH, {"input": {}}, as_=OFFICE)["publishLogDigest"]
    finally:
        api.app.digest_signer = None
    latest = api.data(LATEST, as_=INSPECTOR)["latestDigest"]
    assert latest["digest"]["treeSize"] == published["digest"]["treeSize"]
    assert latest["signature"]["keyId"] == published["signature"]["keyId"]
    unit = str(year.official.units[0].unit_id)
    line = api.data(EXPLAIN, {"unitId": unit}, as_=INSPECTOR)["explainScore"]["lines"][0]
    size = latest["digest"]["treeSize"]
    for event in line["events"]:
        proof = api.data(PROOF, {"n": event["position"], "size": size}, as_=INSPECTOR)
        proof = proof["inclusionProof"]
        check = api.data(CHECK, {"proof": proof}, as_=INSPECTOR)["verifyInclusion"]
        assert check == {
            "verified": True,
            "pathHolds": True,
            "problems": [],
            "compared": [{"treeSize": size, "root": latest["digest"]["root"]}],
        }
        forged = proof | {"path": [proof["path"][0][::-1], *proof["path"][1:]]}
        check = api.data(CHECK, {"proof": forged}, as_=INSPECTOR)["verifyInclusion"]
        assert (check["verified"], check["pathHolds"]) == (False, False)
    other = latest["digest"] | {"root": "ab" * 32}
    check = api.data(CHECK, {"proof": proof, "digest": other}, as_=INSPECTOR)["verifyInclusion"]
    assert (check["verified"], check["pathHolds"]) == (False, True)
    assert "is not the digest's" in check["problems"][0]


def test_the_published_digest_is_consistent_with_the_log_now_and_the_digest_kept(
    year: ViewsYear,
) -> None:
    api = year.api
    if not api.app.published_digests():
        api.app.publish_log_digest(by=OFFICE)
    first = api.app.published_digests()[0].digest
    kept = api.data(DIGEST, as_=INSPECTOR)["logDigest"]
    proof = api.data(CONSISTENCY, {"from": first.tree_size, "to": kept["treeSize"]},
                     as_=INSPECTOR)["consistencyProof"]  # fmt: skip
    assert (proof["firstRoot"], proof["secondRoot"]) == (first.root, kept["root"])
    check = api.data(CHECK_CONSISTENCY, {"proof": proof, "second": kept}, as_=INSPECTOR)
    assert check["verifyConsistency"] == {"verified": True, "pathHolds": True, "problems": []}
    rewritten = proof | {"firstRoot": "cd" * 32}
    check = api.data(CHECK_CONSISTENCY, {"proof": rewritten}, as_=INSPECTOR)
    assert check["verifyConsistency"]["verified"] is False
    unanchored = proof | {"firstSize": 3}
    check = api.data(CHECK_CONSISTENCY, {"proof": unanchored}, as_=INSPECTOR)
    assert "no digest of 3 events" in " ".join(check["verifyConsistency"]["problems"])


def test_bad_proof_and_digest_requests_name_the_argument_and_store_nothing(
    year: ViewsYear,
) -> None:
    api = year.api
    assert codes(api.post(PROOF, {"n": 10**9}, as_=OFFICE)) == [("NOT_FOUND", "notificationId")]
    assert codes(api.post(PROOF, {"n": 1, "size": 0}, as_=OFFICE)) == [
        ("INVALID_INPUT", "treeSize")
    ]
    assert codes(api.post(CONSISTENCY, {"from": 0}, as_=OFFICE)) == [("INVALID_INPUT", "fromSize")]
    proof = api.data(PROOF, {"n": 1}, as_=OFFICE)["inclusionProof"]
    bad = api.post(CHECK, {"proof": proof | {"path": ["xyz"]}}, as_=OFFICE)
    assert codes(bad) == [("INVALID_INPUT", "proof.path.0")]
    events = api.events()
    size = api.app.published_digests()[-1].digest.tree_size if api.app.published_digests() else 0
    if size:
        again = api.post(PUBLISH, {"input": {"size": size}}, as_=OFFICE)
        assert codes(again) == [("ALREADY_EXISTS", "input.size")]
    beyond = api.post(PUBLISH, {"input": {"size": events + 10}}, as_=OFFICE)
    assert codes(beyond) == [("INVALID_INPUT", "input.size")]
    assert api.events() == events


# -- verifyLog (point 4 through the API) ----------------------------------------------------


def test_verify_log_finds_the_year_intact_and_checks_the_digests_kept(year: ViewsYear) -> None:
    api = year.api
    kept = api.data(DIGEST, as_=INSPECTOR)["logDigest"]
    found = api.data(VERIFY, {"against": [kept]}, as_=INSPECTOR)["verifyLog"]
    assert found["intact"] is True
    assert found["firstBroken"] is None
    assert found["events"] == api.events()  # this request's own record included
    assert found["digestsChecked"] == len(api.app.published_digests()) + 1
    wrong = kept | {"root": "ef" * 32}
    found = api.data(VERIFY, {"against": [wrong]}, as_=INSPECTOR)["verifyLog"]
    assert found["firstBroken"]["code"] == "DIGEST_MISMATCH"
    assert codes(api.post(VERIFY, as_=OFFICE)) == [("FORBIDDEN", "authorization")]


def test_verify_log_names_the_changed_record(store_url: str) -> None:
    with served(store_url) as api:
        open_year(api.app)
        for code in ("A01", "B01", "C01"):
            enrolled_unit(api.app, code)
        middle = api.events() // 2
        tamperer = Tamperer(store_url)
        try:
            tamperer.change_payload(middle)
        finally:
            tamperer.close()
        found = api.data(VERIFY, as_=INSPECTOR)["verifyLog"]
    assert found["intact"] is False
    assert (found["firstBroken"]["notificationId"], found["firstBroken"]["code"]) == (
        middle, "HASH_MISMATCH",
    )  # fmt: skip
