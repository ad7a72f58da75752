"""The issue-7 queries over a generated year, on both stores: the supervision ledger and a
case by id, the evaluation campaigns, the special assessment results and the year end
answer what the log holds, page at one checkpoint and read the past with `asOf`; a unit
user sees its own unit's share; nothing of a public ballot's source or token appears."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson
import pytest

from domain.evaluations.campaign import EvaluationCampaign
from domain.year_end.steps import YEAR_END_ORDER
from tests.api.views_year import YEAR, ViewsYear, views_year
from tests.builders import INSPECTOR, OFFICE, SUPERVISION, filler

LEDGER = """query($unitId: ID, $status: CaseStatus, $level: AttentionLevel, $first: Int,
  $after: String, $asOf: AsOfInput) {
  supervisionLedger(year: 2025, unitId: $unitId, status: $status, attentionLevel: $level,
    first: $first, after: $after, asOf: $asOf) {
    asOf { position } pageInfo { hasNextPage endCursor }
    counts { unitId attentionLevel open overdue escalated closed }
    edges { node { caseId unitId attentionLevel state status deadline overdue overdueDays
      missedReports noticesIssued } } } }"""
CASE = """query($id: ID!, $asOf: AsOfInput) { supervisionCase(id: $id, asOf: $asOf) {
  caseId unitId state status deadline overdue overdueDays missedReports noticesIssued
  notices { number colour text completeBy issuedBy }
  history(first: 100) { edges { node { event actorRole caseId } } } } }"""
CAMPAIGNS = """query($first: Int, $after: String) {
  evaluationCampaigns(year: 2025, first: $first, after: $after) {
    asOf { position } pageInfo { hasNextPage endCursor }
    edges { node { campaignId kind title state evaluatedUnits evaluators ballotsSubmitted
      tokensIssued openedAt closedAt } } } }"""
SPECIAL = """query($unitId: ID, $asOf: AsOfInput) {
  specialAssessmentResults(year: 2025, unitId: $unitId, asOf: $asOf) {
    asOf { position }
    edges { node { assessmentKey name department unitId unitCode score lowest highest
      imports fileName row } } } }"""
YEAR_END = """query($asOf: AsOfInput) { yearEnd(year: 2025, asOf: $asOf) {
  reached nextStep decemberClosed selfChecks enrolledUnits objectionsUntil asOf { position }
  steps { edges { node { position step event actorId actorRole recordedAt unitIds facts } } }
  objections { edges { node { number unitId grounds upheld answer } } } } }"""


@pytest.fixture(scope="module")
def year(module_store_url: str) -> Iterator[ViewsYear]:
    with views_year(module_store_url) as found:
        yield found


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


def stored(year: ViewsYear, aggregate: str) -> list[tuple[int, str, str, dict[str, Any]]]:
    """(position, event, aggregate id, state) of every stored event of an aggregate kind."""
    found = year.api.app.recorder.select_notifications(start=1, limit=1_000_000)
    return [
        (n.id, n.topic.rsplit(".", 1)[-1], str(n.originator_id), orjson.loads(n.state))
        for n in found
        if n.topic.split(":", 1)[-1].startswith(f"{aggregate}.")
    ]


def test_the_ledger_is_every_case_with_its_computed_facts_and_counts(year: ViewsYear) -> None:
    app = year.api.app
    answer = year.api.data(LEDGER, {}, as_=SUPERVISION)["supervisionLedger"]
    rows = app.supervision_ledger(year=YEAR)
    assert [
        (n["caseId"], n["status"], n["overdueDays"], n["missedReports"]) for n in nodes(answer)
    ] == [(r.case_id, r.status, r.overdue_days, r.missed_reports) for r in rows]
    assert {n["status"] for n in nodes(answer)} >= {"closed", "escalated", "overdue"}
    assert all(n["overdue"] == (n["status"] == "overdue") for n in nodes(answer))
    counted = {(c["unitId"], c["attentionLevel"]): c for c in answer["counts"]}
    for count in app.supervision_counts(year=YEAR):
        found = counted[(count.unit_id, count.level)]
        assert (found["open"], found["overdue"], found["escalated"], found["closed"]) == (
            count.open, count.overdue, count.escalated, count.closed)  # fmt: skip
    assert sum(sum(c[s] for s in ("open", "overdue", "escalated", "closed"))
               for c in answer["counts"]) == len(rows)  # fmt: skip


def test_the_ledger_pages_at_its_first_pages_checkpoint_and_filters(year: ViewsYear) -> None:
    api = year.api
    whole = nodes(api.data(LEDGER, {}, as_=INSPECTOR)["supervisionLedger"])
    seen, after = [], None
    while True:
        page = api.data(LEDGER, {"first": 3, "after": after}, as_=INSPECTOR)["supervisionLedger"]
        seen += nodes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == whole
    overdue = nodes(api.data(LEDGER, {"status": "overdue"}, as_=INSPECTOR)["supervisionLedger"])
    assert overdue
    assert all(n["status"] == "overdue" for n in overdue)
    general = api.data(LEDGER, {"level": "general"}, as_=INSPECTOR)["supervisionLedger"]
    assert {c["attentionLevel"] for c in general["counts"]} == {"general"}
    wrong = api.post(LEDGER, {"after": "bm90LWEtY3Vyc29y"}, as_=INSPECTOR)
    assert wrong["errors"][0]["extensions"] == {"code": "INVALID_INPUT", "field": "after"}


def test_the_ledger_as_of_a_past_position_is_the_view_then(year: ViewsYear) -> None:
    api, app = year.api, year.api.app
    (case,) = [r for r in app.supervision_ledger(year=YEAR) if r.status == "closed"][:1]
    opened = [p for p, _, c, _ in stored(year, "SupervisionCase") if c == case.case_id]
    before_close = opened[-1] - 1  # the last event of the case is its closure
    past = api.data(LEDGER, {"asOf": {"position": before_close}}, as_=OFFICE)["supervisionLedger"]
    checkpoint = past["asOf"]["position"]
    assert checkpoint <= before_close
    rows = app.supervision_ledger(year=YEAR, as_of=checkpoint)
    assert [(n["caseId"], n["state"], n["overdueDays"]) for n in nodes(past)] == [
        (r.case_id, r.state, r.overdue_days) for r in rows
    ]
    then = next(n for n in nodes(past) if n["caseId"] == case.case_id)
    assert then["state"] != "closed"
    again = api.data(LEDGER, {"asOf": {"position": checkpoint}}, as_=OFFICE)["supervisionLedger"]
    assert again == past


def test_a_case_by_id_with_its_notices_and_history(year: ViewsYear) -> None:
    api, app = year.api, year.api.app
    rows = app.supervision_ledger(year=YEAR)
    row = max(rows, key=lambda r: r.notices)
    case = api.data(CASE, {"id": row.case_id}, as_=SUPERVISION)["supervisionCase"]
    assert (case["state"], case["status"], case["overdueDays"], case["missedReports"]) == (
        row.state, row.status, row.overdue_days, row.missed_reports)  # fmt: skip
    events = [(e, s) for _, e, c, s in stored(year, "SupervisionCase") if c == row.case_id]
    assert [n["event"] for n in nodes(case["history"])] == [e for e, _ in events]
    notices = [s for e, s in events if e == "NoticeIssued"]
    assert row.notices == case["noticesIssued"] == len(case["notices"]) == len(notices) > 0
    assert [(n["number"], n["colour"], n["text"]) for n in case["notices"]] == [
        (s["number"], s["colour"], s["text"]) for s in notices
    ]
    assert api.data(CASE, {"id": str(UUID(int=7))}, as_=OFFICE) == {"supervisionCase": None}
    bad = api.post(CASE, {"id": "not-an-id"}, as_=OFFICE)
    assert bad["errors"][0]["extensions"] == {"code": "INVALID_INPUT", "field": "id"}


def test_a_unit_user_reads_its_own_cases_and_no_other_units(year: ViewsYear) -> None:
    api, app = year.api, year.api.app
    rows = app.supervision_ledger(year=YEAR)
    own = UUID(rows[0].unit_id)
    mine = api.data(LEDGER, {}, as_=filler(own))["supervisionLedger"]
    assert {n["unitId"] for n in nodes(mine)} == {str(own)}
    assert {c["unitId"] for c in mine["counts"]} == {str(own)}
    theirs = next(r for r in rows if r.unit_id != str(own))
    denied = api.post(CASE, {"id": theirs.case_id}, as_=filler(own))
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert denied["data"] == {"supervisionCase": None}
    other = api.post(LEDGER, {"unitId": theirs.unit_id}, as_=filler(own))
    assert other["errors"][0]["extensions"] == {"code": "FORBIDDEN", "field": "unitId"}


def test_campaigns_are_their_counts_and_never_a_token(year: ViewsYear) -> None:
    api = year.api
    answer = api.data(CAMPAIGNS, {}, as_=OFFICE)["evaluationCampaigns"]
    shown = {n["campaignId"]: n for n in nodes(answer)}
    assert {n["kind"] for n in shown.values()} == {"mutual", "democratic", "public", "leadership"}
    hashes = []
    for campaign_id, node in shown.items():
        campaign = api.app.read(EvaluationCampaign, UUID(campaign_id), field="id")
        assert node["ballotsSubmitted"] == len(campaign.voted) + len(campaign.used)
        assert node["tokensIssued"] == len(campaign.issued)
        assert node["evaluators"] == len(campaign.evaluator_units) + len(campaign.evaluator_users)
        assert node["state"] == ("closed" if campaign.closed else "open")
        hashes += list(campaign.issued)
    text = json.dumps(answer)
    assert hashes
    assert not any(digest in text for digest in hashes)
    pages, after = [], None
    while True:
        page = api.data(CAMPAIGNS, {"first": 2, "after": after}, as_=filler(UUID(int=1)))
        pages += nodes(page["evaluationCampaigns"])
        if not page["evaluationCampaigns"]["pageInfo"]["hasNextPage"]:
            break
        after = page["evaluationCampaigns"]["pageInfo"]["endCursor"]
    assert pages == nodes(answer)  # a year fact: a unit user reads it too


def test_special_results_are_the_last_import_per_unit(year: ViewsYear) -> None:
    api = year.api
    events = stored(year, "SpecialAssessment")
    key_of = {c: s["key"] for _, e, c, s in events if e == "Registered"}
    last: dict[str, dict[str, Any]] = {}
    imported: dict[str, int] = {}
    for _, event, assessment, state in events:
        if event == "ResultsImported":
            last[assessment] = state
            imported[assessment] = imported.get(assessment, 0) + 1
    expected = {
        (key_of[a], r["unit_id"]): (Decimal(r["score"]), r["row"], imported[a])
        for a, state in last.items()
        for r in state["results"]
    }
    answer = nodes(api.data(SPECIAL, {}, as_=INSPECTOR)["specialAssessmentResults"])
    assert {
        (n["assessmentKey"], n["unitId"]): (Decimal(n["score"]), n["row"], n["imports"])
        for n in answer
    } == expected
    assert len(answer) == len(expected)
    assert any(node["imports"] == 2 for node in answer)  # ecology was corrected
    own = answer[0]["unitId"]
    mine = nodes(api.data(SPECIAL, {}, as_=filler(UUID(own)))["specialAssessmentResults"])
    assert mine == [node for node in answer if node["unitId"] == own]
    first_import = min(p for p, e, _, _ in events if e == "ResultsImported")
    before = api.data(SPECIAL, {"asOf": {"position": first_import - 1}}, as_=OFFICE)
    assert nodes(before["specialAssessmentResults"]) == []


def test_the_year_end_is_its_steps_in_order_with_actors(year: ViewsYear) -> None:
    api = year.api
    answer = api.data(YEAR_END, {}, as_=OFFICE)["yearEnd"]
    assert (answer["reached"], answer["nextStep"], answer["decemberClosed"]) == (
        "final", None, True)  # fmt: skip
    assert answer["selfChecks"] == answer["enrolledUnits"] == 8
    steps = nodes(answer["steps"])
    order = [s["step"] for s in steps if s["step"] != "amendment"]
    assert order == sorted(order, key=[x.value for x in YEAR_END_ORDER].index)
    assert order.count("self_check") == 8
    assert order[-1] == "final"
    taken = {p: (e, st["meta"]["actor_id"]) for p, e, _, st in stored(year, "AssessmentYear")}
    assert all(taken[s["position"]] == (s["event"], s["actorId"]) for s in steps)
    decided = next(s for s in steps if s["step"] == "committee_decision")
    past = api.data(YEAR_END, {"asOf": {"position": decided["position"] - 1}}, as_=OFFICE)
    then = past["yearEnd"]
    assert (then["reached"], then["nextStep"]) == ("public_announcement", "committee_decision")
    assert list(nodes(then["steps"])) == [s for s in steps if s["position"] < decided["position"]]
    own = UUID(steps[0]["unitIds"][0])
    mine = nodes(api.data(YEAR_END, {}, as_=filler(own))["yearEnd"]["steps"])
    assert {u for s in mine for u in s["unitIds"]} <= {str(own)}
    assert [s for s in mine if s["step"] == "self_check"] == [steps[0]]
