"""The view queries over a generated year, on both stores: rankings with their ledgers,
the warning board, rewards, audit trails and target histories answer what the views and
the scoring engine's replay hold; pages are read at their first page's checkpoint;
`asOf` reads the past; replay diffs a rulebook; bad input names its argument."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from api.pagination import cursor
from domain.periods import OFFICE_TZ
from tests.api.harness import Api
from tests.api.views_year import YEAR, ViewsYear, views_year
from tests.builders import INSPECTOR, OFFICE, ROOT

RANKING = """query($period: String!, $category: String!, $first: Int, $after: String,
  $asOf: AsOfInput) {
  ranking(year: 2025, period: $period, category: $category, first: $first, after: $after,
    asOf: $asOf) {
    asOf { position } pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { node {
      unitId code score rank size grade previousRank previousScore rankChange scoreChange
      ledger { total rank grade lines { edges { node { key kind points clauseId eventIds } } } }
    } } } }"""
TRAIL = """query($subject: AuditSubject!, $id: ID!, $first: Int, $after: String,
  $asOf: AsOfInput) {
  auditTrail(subject: $subject, id: $id, first: $first, after: $after, asOf: $asOf) {
    asOf { position } pageInfo { hasNextPage endCursor }
    edges { node { position eventId event actorId actorRole recordedAt unitId targetId
      evidence { fileName sha256 size } facts } } } }"""
REPLAY = """query($rulebook: String!) { replay(year: 2025, rulebook: $rulebook) {
  changedUnits official { sha256 } replayed { sha256 }
  units(changedOnly: true) { edges { node { unitId changed scoreBefore scoreAfter
    lines { edges { node { kind change pointsDelta before { points } after { points } } } }
  } } } } }"""


@pytest.fixture(scope="module")
def year(module_store_url: str) -> Iterator[ViewsYear]:
    with views_year(module_store_url) as found:
        yield found


def ranking(api: Api, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = api.data(RANKING, variables, as_=OFFICE)["ranking"]
    return found


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


def errors_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [error["extensions"] for error in body["errors"]]


def test_every_ranking_of_the_year_and_its_ledgers_equal_the_replay(year: ViewsYear) -> None:
    official = year.official
    units = {str(u.unit_id): u for u in official.units}
    for category in year.categories:
        rows = nodes(ranking(year.api, period=str(YEAR), category=category))
        expected = sorted(
            (u for u in official.units if u.category == category), key=lambda u: u.rank
        )
        assert [(r["unitId"], r["rank"], Decimal(r["score"]), r["grade"]) for r in rows] == [
            (str(u.unit_id), u.rank, u.total, str(u.grade)) for u in expected
        ]
        for row in rows:
            unit, ledger = units[row["unitId"]], row["ledger"]
            lines = nodes(ledger["lines"])
            assert (
                Decimal(ledger["total"]) == unit.total == sum(Decimal(x["points"]) for x in lines)
            )
            shown = [(x["kind"], Decimal(x["points"]), x["clauseId"], x["eventIds"]) for x in lines]
            assert shown == [
                (line.kind, line.points, line.clause_id, list(line.event_ids))
                for line in unit.lines
            ]


def test_a_months_ranking_says_the_change_since_the_month_before(year: ViewsYear) -> None:
    category = year.categories[0]
    march = {
        r["unitId"]: r for r in nodes(ranking(year.api, period=f"{YEAR}-03", category=category))
    }
    april = nodes(ranking(year.api, period=f"{YEAR}-04", category=category))
    assert len(april) == len(march) > 0
    for row in april:
        before = march[row["unitId"]]
        assert (row["previousRank"], row["previousScore"]) == (before["rank"], before["score"])
        assert row["rankChange"] == before["rank"] - row["rank"]
        assert Decimal(row["scoreChange"]) == Decimal(row["score"]) - Decimal(before["score"])


def test_later_pages_are_read_at_the_first_pages_checkpoint(year: ViewsYear) -> None:
    category = year.categories[0]
    june_end = {"at": datetime(YEAR, 6, 30, 23, tzinfo=OFFICE_TZ).isoformat()}
    whole = ranking(year.api, period=f"{YEAR}-06", category=category, asOf=june_end)
    first = ranking(year.api, period=f"{YEAR}-06", category=category, first=2, asOf=june_end)
    cursor = first["pageInfo"]["endCursor"]
    rest = ranking(year.api, period=f"{YEAR}-06", category=category, after=cursor)

    assert first["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": False, "endCursor": cursor}
    assert rest["asOf"] == first["asOf"] == whole["asOf"]  # not now: the cursor's checkpoint
    assert (
        rest["asOf"]["position"]
        < ranking(year.api, period=f"{YEAR}-06", category=category)["asOf"]["position"]
    )
    assert nodes(first) + nodes(rest) == nodes(whole)
    assert rest["pageInfo"]["hasPreviousPage"] is True
    now = year.api.post(
        RANKING,
        {
            "period": f"{YEAR}-06",
            "category": category,
            "after": cursor,
            "asOf": {"position": 10**9},
        },
        as_=OFFICE,
    )
    assert errors_of(now) == [{"code": "INVALID_INPUT", "field": "after"}]


def test_as_of_a_moment_is_the_ranking_the_office_saw_then(year: ViewsYear) -> None:
    app, category = year.api.app, year.categories[0]
    for month in (3, 7, 11):
        moment = datetime(YEAR, month, 15, tzinfo=OFFICE_TZ)
        shown = ranking(
            year.api,
            period=f"{YEAR}-{month:02d}",
            category=category,
            asOf={"at": moment.isoformat()},
        )
        checkpoint = app.as_of(at=moment)
        assert shown["asOf"] == {"position": checkpoint}
        stored = app.ranking(
            year=YEAR, period=f"{YEAR}-{month:02d}", category=category, as_of=checkpoint
        )
        assert [(r["unitId"], Decimal(r["score"])) for r in nodes(shown)] == [
            (r.unit_id, r.score) for r in stored
        ]
        by_position = ranking(
            year.api, period=f"{YEAR}-{month:02d}", category=category, asOf={"position": checkpoint}
        )
        assert by_position == shown


def test_the_warning_board_and_the_rewards_are_the_views_worst_first(year: ViewsYear) -> None:
    api = year.api
    month = next(w.month for w in year.official.warnings if str(w.level) == "red")
    query = """query($month: String!, $after: String) {
      warningBoard(year: 2025, month: $month, first: 3, after: $after) {
        asOf { position } pageInfo { hasNextPage endCursor }
        edges { node { targetId unitId level lag remind clauseId } } } }"""
    shown, after = [], None
    while True:
        page = api.data(query, {"month": month, "after": after}, as_=INSPECTOR)["warningBoard"]
        shown += nodes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    stored = api.app.warning_board(year=YEAR, month=month)
    assert [(w["targetId"], w["level"], Decimal(w["lag"]), tuple(w["remind"])) for w in shown] == [
        (w.target_id, w.level, w.lag, w.remind) for w in stored
    ]
    assert shown[0]["level"] == "red"
    rewards = api.data(
        "{ rewardLedger(year: 2025) { edges { node { unitId eventId month amount status } } } }",
        as_=OFFICE,
    )
    assert [
        (r["eventId"], Decimal(r["amount"]), r["status"]) for r in nodes(rewards["rewardLedger"])
    ] == [(r.event_ref, r.amount, r.status) for r in api.app.reward_ledger(year=YEAR)]


def test_a_units_trail_pages_in_log_order_with_who_why_and_evidence(year: ViewsYear) -> None:
    api, unit = year.api, str(year.units(year.categories[0])[0])
    shown, after = [], None
    while True:
        page = api.data(
            TRAIL, {"subject": "unit", "id": unit, "first": 100, "after": after}, as_=INSPECTOR
        )["auditTrail"]
        shown += nodes(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    positions = [entry["position"] for entry in shown]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions) > 100
    assert {entry["unitId"] for entry in shown} == {unit}
    assert shown[0]["event"] == "Registered"
    assert shown[0]["facts"]["code"] == next(
        u.code for u in year.official.units if str(u.unit_id) == unit
    )
    files = [f for e in shown if e["event"] == "ProgressReported" for f in e["evidence"]]
    assert files
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in files)
    upto = positions[len(positions) // 2]
    earlier = api.data(
        TRAIL,
        {"subject": "unit", "id": unit, "first": 100, "asOf": {"position": upto}},
        as_=INSPECTOR,
    )
    assert earlier["auditTrail"]["asOf"]["position"] <= upto
    assert all(e["position"] <= upto for e in nodes(earlier["auditTrail"]))


def test_each_target_of_a_page_has_its_review_history(year: ViewsYear) -> None:
    unit = str(year.units(year.categories[0])[0])
    query = """query($unitId: ID!) { targets(year: 2025, unitId: $unitId) { edges { node { id
      history(first: 50) { edges { node { event actorRole targetId } } } } } } }"""
    targets = nodes(year.api.data(query, {"unitId": unit}, as_=OFFICE)["targets"])
    assert len(targets) >= 5
    for target in targets:
        history = nodes(target["history"])
        assert history[0]["event"] == "TargetProposed"
        assert {entry["targetId"] for entry in history} == {target["id"]}
        approved = [e["actorRole"] for e in history if e["event"] == "TargetApproved"]
        assert approved[-4:] == ["reviewer", "assessment_office", "leader", "leader"]


def test_replay_diffs_a_revised_rulebook_and_the_adopted_one_changes_nothing(
    year: ViewsYear,
) -> None:
    adopted = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    revised = adopted.replace('points: "1"\n  cash_reward', 'points: "2"\n  cash_reward')
    assert revised != adopted
    same = year.api.data(REPLAY, {"rulebook": adopted}, as_=OFFICE)["replay"]
    diff = year.api.data(REPLAY, {"rulebook": revised}, as_=OFFICE)["replay"]

    assert (same["changedUnits"], nodes(same["units"])) == (0, [])
    flagged = {u.unit_id for u in year.official.units for x in u.lines if x.kind == "red_flag"}
    changed = nodes(diff["units"])
    assert diff["changedUnits"] == len(changed) == len(flagged) > 0
    for unit in changed:
        lines = nodes(unit["lines"])
        assert {(x["kind"], x["change"], x["pointsDelta"]) for x in lines} == {
            ("red_flag", "changed", "1.00")
        }
        assert Decimal(unit["scoreAfter"]) - Decimal(unit["scoreBefore"]) == len(lines)


HUGE, FUTURE = cursor("rank", 10**20, 1), cursor("rank", 1, 10**9)  # forged
NAIVE, MARCH = "2025-03-01T00:00:00", "2025-03-01T00:00:00+08:00"
RANKING_OF = '{{ ranking(category: "town", {}) {{ edges {{ cursor }} }} }}'
BAD_INPUT = [
    (RANKING_OF.format('year: 2025, period: "2024-03"'), "period"),
    (RANKING_OF.format('year: 2025, period: "2025-13"'), "period"),
    (RANKING_OF.format('year: 1900, period: "1900"'), "year"),
    (RANKING_OF.format('year: 2031, period: "2031"'), "year"),
    ('{ ranking(year: 2025, period: "2025", category: "x") { edges { cursor } } }', "category"),
    (RANKING_OF.format('year: 2025, period: "2025", first: 0'), "first"),
    (RANKING_OF.format('year: 2025, period: "2025", after: "eA=="'), "after"),
    (RANKING_OF.format(f'year: 2025, period: "2025", after: "{HUGE}"'), "after"),
    (RANKING_OF.format(f'year: 2025, period: "2025", after: "{FUTURE}"'), "after"),
    (RANKING_OF.format(f'year: 2025, period: "2025", asOf: {{at: "{NAIVE}"}}'), "asOf.at"),
    (RANKING_OF.format(f'year: 2025, period: "2025", asOf: {{at: "{MARCH}", position: 3}}'),
     "asOf"),
    (RANKING_OF.format('year: 2025, period: "2025", asOf: {position: -1}'), "asOf.position"),
    ('{ warningBoard(year: 2025, month: "2025-Q1") { edges { cursor } } }', "month"),
    ('{ unitLedger(year: 2025, unitId: "nope") { total } }', "unitId"),
    ('{ auditTrail(subject: target, id: "nope") { edges { cursor } } }', "id"),
    ('{ replay(year: 2025, rulebook: "version: [") { year } }', "rulebook"),
]  # fmt: skip


@pytest.mark.parametrize(("query", "field"), BAD_INPUT)
def test_bad_input_names_its_argument(year: ViewsYear, query: str, field: str) -> None:
    body = year.api.post(query, as_=OFFICE)
    assert not any((body["data"] or {}).values())
    [error] = errors_of(body)
    assert error["field"] == field
    assert error["code"] in {"INVALID_INPUT", "RULEBOOK_INVALID", "NOT_FOUND"}


def test_a_year_not_yet_closed_cannot_be_replayed(year: ViewsYear) -> None:
    rulebook = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    body = year.api.post(
        "query($r: String!) { replay(year: 2026, rulebook: $r) { year } }",
        {"r": rulebook},
        as_=OFFICE,
    )
    assert [e["field"] for e in errors_of(body)] == ["year"]
