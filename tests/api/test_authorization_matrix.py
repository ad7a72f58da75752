"""Every operation × every role: allowed, or FORBIDDEN with nothing stored and no data.

Who may run a mutation is read from the domain's own table (`DUTIES` for the duty its
command carries, `REVIEW_ROLES` for a review level), never restated here. An allowed
role may still meet a business rule (a month not ended, a case in another state): it
must not be FORBIDDEN, and that is what shows the API and the domain agree. A unit user
is tried for its own unit (A) and for another (B); the public without a token.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from api.permissions import MUTATION_GUARDS, QUERY_SCOPES, READERS, ReadScope
from api.schema import build_schema
from api.settings import ApiSettings
from domain.actors import DUTIES, REVIEW_ROLES, Actor
from domain.vocabulary import REVIEW_ORDER, ReviewLevel, Role
from tests.api.harness import Api, mutation_document, selection, served
from tests.api.views_year import ViewsYear, views_year
from tests.api.world import STAFF, World, build_world, inputs
from tests.builders import ROOT, filler

SCHEMA = build_schema(ApiSettings())._schema


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Api, World]]:
    path: Path = tmp_path_factory.mktemp("matrix") / "events.sqlite"
    with served(f"sqlite:///{path}") as api:
        yield api, build_world(api.app)


def actors(world: World) -> dict[str, Actor | None]:
    return {
        **{actor.role.value: actor for actor in STAFF},
        "unit (own)": filler(world.a),
        "unit (other)": filler(world.b),
        "public (no token)": None,
    }


def allowed(label: str, actor: Actor | None, roles: frozenset[Role]) -> bool:
    if actor is None:
        return Role.PUBLIC in roles
    if label == "unit (other)":
        return False  # a unit user never acts for another unit
    return actor.role in roles


def roles_for(name: str, variables: dict[str, Any]) -> frozenset[Role]:
    guard = MUTATION_GUARDS[name]
    if guard.duty is None:  # a review: the level decides who
        return frozenset({REVIEW_ROLES[ReviewLevel(variables["level"])]})
    return DUTIES[guard.duty]


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


def cases() -> list[tuple[str, str | None]]:
    walked: list[tuple[str, str | None]] = []
    for name in sorted(SCHEMA.mutation_type.fields):  # type: ignore[union-attr]
        if name == "reviewTarget":
            walked += [(name, level.value) for level in REVIEW_ORDER]
        else:
            walked.append((name, None))
    return walked


def test_every_mutation_is_guarded_and_has_an_input_walked_here(county: tuple[Api, World]) -> None:
    mutations = set(SCHEMA.mutation_type.fields)  # type: ignore[union-attr]
    assert mutations == set(MUTATION_GUARDS)
    assert mutations == set(inputs(county[1]))
    queries = set(SCHEMA.query_type.fields) - {"health"}  # type: ignore[union-attr]
    assert queries == set(QUERY_SCOPES)
    assert queries == set(query_cases(*county)) | set(VIEW_QUERIES)


@pytest.mark.parametrize(("name", "level"), cases())
def test_mutation(county: tuple[Api, World], name: str, level: str | None) -> None:
    api, world = county
    variables = inputs(world)[name] | ({"level": level} if level else {})
    roles = roles_for(name, variables)
    document = mutation_document(SCHEMA, name)
    wrong = []
    for label, actor in actors(world).items():
        before = api.events()
        body = api.post(document, {"input": variables}, as_=actor)
        found = codes(body)
        if allowed(label, actor, roles):
            if "FORBIDDEN" in found or "INTERNAL" in found or "INVALID_QUERY" in found:
                wrong.append(f"{label}: allowed by the duty table, got {body['errors']}")
        elif found != ["FORBIDDEN"] or body["data"] is not None or api.events() != before:
            wrong.append(f"{label}: must be FORBIDDEN with nothing stored, got {body}")
    assert not wrong, "\n".join(wrong)


def query_cases(api: Api, world: World) -> dict[str, tuple[str, Any]]:
    a, sha256 = str(world.a), api.app.year(2025).rulebook_sha256
    return {
        "assessmentYear": ("assessmentYear(year: 2025)", "AssessmentYear"),
        "unit": (f'unit(id: "{a}")', "Unit"),
        "rulebook": (f'rulebook(sha256: "{sha256}")', "Rulebook"),
        "targets": (f'targets(year: 2025, unitId: "{a}")', "TargetConnection"),
        "progressReports": (
            f'progressReports(year: 2025, unitId: "{a}", period: "2025-01")',
            "ProgressReportConnection",
        ),
        "eventLog": ("eventLog(first: 5)", "LoggedEvent"),
        "eventCounts": ("eventCounts", "EventCount"),
        **integrity_cases(api),
    }


ZERO = "0" * 64


def integrity_cases(api: Api) -> dict[str, tuple[str, Any]]:
    """The digests, proofs and verification (docs/integrity.md): a digest is published."""
    if not api.app.published_digests():
        api.app.publish_log_digest(by=STAFF[0])
    proof = f'{{notificationId: 1, leafIndex: 0, treeSize: 1, leafHash: "{ZERO}", path: [], '
    consistency = f'{{firstSize: 1, secondSize: 2, firstRoot: "{ZERO}", secondRoot: "{ZERO}", '
    return {
        "logDigest": ("logDigest(size: 1)", "LogDigest"),
        "latestDigest": ("latestDigest", "PublishedDigest"),
        "publishedDigests": ("publishedDigests", "PublishedDigestConnection"),
        "inclusionProof": ("inclusionProof(notificationId: 1)", "InclusionProof"),
        "consistencyProof": ("consistencyProof(fromSize: 1)", "ConsistencyProof"),
        "verifyInclusion": (f'verifyInclusion(proof: {proof}root: "{ZERO}"}})', "ProofCheck"),
        "verifyConsistency": (f"verifyConsistency(proof: {consistency}path: []}})", "ProofCheck"),
        "verifyLog": ("verifyLog", "LogVerification"),
    }


def may_read(label: str, actor: Actor | None, scope: ReadScope) -> bool:
    if actor is None:
        return False
    if scope is ReadScope.INSPECTION:  # verifying the log: the inspectors' alone
        return actor.role is Role.INSPECTOR
    if actor.role in READERS:
        return True
    return scope is ReadScope.YEAR or (scope is ReadScope.UNIT and label == "unit (own)")


def test_every_query_for_every_role(county: tuple[Api, World]) -> None:
    api, world = county
    wrong = []
    for name, (call, type_name) in query_cases(api, world).items():
        query = f"{{ {call} {{ {selection(SCHEMA, type_name)} }} }}"
        for label, actor in actors(world).items():
            body = api.post(query, as_=actor)
            if may_read(label, actor, QUERY_SCOPES[name]):
                if "errors" in body or body["data"][name] is None:
                    wrong.append(f"{name} as {label}: may read, got {body}")
            elif codes(body) != ["FORBIDDEN"] or any((body["data"] or {}).values()):
                wrong.append(f"{name} as {label}: must be FORBIDDEN without data, got {body}")
    assert not wrong, "\n".join(wrong)


def test_health_needs_no_token(county: tuple[Api, World]) -> None:
    api, world = county
    for actor in actors(world).values():
        assert api.data("{ health }", as_=actor) == {"health": "ok"}


def test_a_public_token_may_submit_a_public_ballot_and_nothing_else(
    county: tuple[Api, World],
) -> None:
    api, world = county
    public = Actor(user_id="citizen-1", role=Role.PUBLIC)
    tokens = api.data(
        mutation_document(SCHEMA, "issueEvaluationTokens"),
        {"input": {"campaignId": str(world.public), "count": 1}},
        as_=STAFF[0],
    )["issueEvaluationTokens"]["tokens"]
    ballot = inputs(world)["submitPublicEvaluation"] | {"token": tokens[0]}
    document = mutation_document(SCHEMA, "submitPublicEvaluation")
    assert api.data(document, {"input": ballot}, as_=public)
    again = api.post(document, {"input": ballot}, as_=public)
    assert codes(again) == ["TOKEN_USED"]
    denied = api.post("{ assessmentYear(year: 2025) { year } }", as_=public)
    assert codes(denied) == ["FORBIDDEN"]


# The view queries are walked over a generated year, where every view holds rows of
# several units: a unit user (own, other: two units of one category with warnings in the
# same month) must meet only its own unit's rows, nested ledgers, histories and facts too.
@dataclass(frozen=True)
class Call:
    text: str
    type_name: str
    names_unit: bool = False  # names the own unit: the other unit's user is FORBIDDEN
    across: bool = False  # rows of every unit, for a reader


TRAIL, WARNINGS, REWARDS = "AuditTrailConnection", "WarningConnection", "RewardConnection"
CASES, SPECIALS = "SupervisionLedgerConnection", "SpecialResultConnection"
RANKING = 'ranking(year: 2025, period: "2025", category: "{category}")'
VIEW_QUERIES: dict[str, list[Call]] = {
    "ranking": [Call(RANKING, "RankingConnection", across=True)],
    "unitLedger": [Call('unitLedger(year: 2025, unitId: "{own}")', "UnitLedger", True)],
    "warningBoard": [
        Call('warningBoard(year: 2025, month: "{month}")', WARNINGS, across=True),
        Call('warningBoard(year: 2025, month: "{month}", unitId: "{own}")', WARNINGS, True),
    ],
    "rewardLedger": [
        Call("rewardLedger(year: 2025)", REWARDS, across=True),
        Call('rewardLedger(year: 2025, unitId: "{own}")', REWARDS, True),
    ],
    "auditTrail": [
        Call('auditTrail(subject: unit, id: "{own}", first: 100)', TRAIL, True),
        Call('auditTrail(subject: target, id: "{target}")', TRAIL),
        Call('auditTrail(subject: actor, id: "office-li", first: 100)', TRAIL, across=True),
    ],
    "replay": [Call("replay(year: 2025, rulebook: {rulebook})", "ReplayDiff")],
    "memberRanking": [Call("memberRanking(year: 2025)", "MemberRanking")],
    "targets": [Call('targets(year: 2025, unitId: "{own}")', "TargetConnection", True)],
    "explainScore": [
        Call('explainScore(year: 2025, unitId: "{own}")', "ScoreExplanation", True),
    ],
    "supervisionLedger": [
        Call("supervisionLedger(year: 2025)", CASES, across=True),
        Call('supervisionLedger(year: 2025, unitId: "{own}")', CASES, True),
    ],
    "supervisionCase": [Call('supervisionCase(id: "{case}")', "SupervisionCase", True)],
    "evaluationCampaigns": [Call("evaluationCampaigns(year: 2025)", "CampaignConnection")],
    "specialAssessmentResults": [
        Call("specialAssessmentResults(year: 2025)", SPECIALS, across=True),
        Call('specialAssessmentResults(year: 2025, unitId: "{own}")', SPECIALS, True),
    ],
    "yearEnd": [Call("yearEnd(year: 2025)", "YearEnd")],
}  # fmt: skip


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ViewsYear]:
    with views_year(f"sqlite:///{tmp_path_factory.mktemp('views')}/events.sqlite") as year:
        yield year


def unit_ids(value: Any) -> set[str]:
    """Every `unitId` anywhere in an answer."""
    if isinstance(value, dict):
        found = {str(v) for k, v in value.items() if k == "unitId" and v is not None}
        return found.union(*(unit_ids(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(unit_ids(v) for v in value))
    return set()


def view_calls(year: ViewsYear) -> tuple[UUID, UUID, list[tuple[str, Call, str]]]:
    """The own and the other unit, and every view call about them."""
    category_of = {u.unit_id: u.category for u in year.official.units}
    warned: dict[tuple[str, str], set[UUID]] = {}
    for w in year.official.warnings:
        if str(w.level) != "none":
            warned.setdefault((w.month, category_of[w.unit_id]), set()).add(w.unit_id)
    (month, category), units = min((k, sorted(v)) for k, v in warned.items() if len(v) > 1)
    own, other = units[:2]
    targets = (x.target_id for u in year.official.units if u.unit_id == own for x in u.lines)
    rulebook = json.dumps((ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8"))
    values = {
        "own": own, "category": category, "month": month, "rulebook": rulebook,
        "target": next(t for t in targets if t is not None),
        "case": year.api.app.supervision_ledger(year=2025, unit_id=own)[0].case_id,
    }  # fmt: skip
    calls = [(n, c, c.text.format(**values)) for n, cs in VIEW_QUERIES.items() for c in cs]
    return own, other, calls


def test_every_view_query_for_every_role_leaks_no_other_unit(generated: ViewsYear) -> None:
    own, other, calls = view_calls(generated)
    everyone = {str(u.unit_id) for u in generated.official.units}
    users = {
        **{actor.role.value: actor for actor in STAFF},
        "unit (own)": filler(own),
        "unit (other)": filler(other),
        "public (no token)": None,
    }
    wrong = []
    for name, call, text in calls:
        query = f"{{ {text} {{ {selection(SCHEMA, call.type_name, depth=7)} }} }}"
        for label, actor in users.items():
            body = generated.api.post(query, as_=actor)
            data, seen = (body.get("data") or {}).get(name), str(body)[:300]
            if not may_read_view(label, actor, QUERY_SCOPES[name], call):
                if codes(body) != ["FORBIDDEN"] or data:
                    wrong.append(f"{text} as {label}: must be FORBIDDEN without data, got {seen}")
            elif "errors" in body or not data:
                wrong.append(f"{text} as {label}: may read, got {seen}")
            elif actor is not None and actor.role is Role.UNIT:
                mine = str(actor.unit_id)
                shown = unit_ids(data) | {u for u in everyone if u in json.dumps(data)}
                if shown - {mine}:
                    wrong.append(f"{text} as {label}: shows other units {shown - {mine}}")
            elif call.across and len(unit_ids(data)) < 2:
                wrong.append(f"{text} as {label}: a reader sees every unit's rows, got {seen}")
    assert not wrong, "\n".join(wrong)


def may_read_view(label: str, actor: Actor | None, scope: ReadScope, call: Call) -> bool:
    if actor is None:
        return False
    if scope is ReadScope.INSPECTION:
        return actor.role is Role.INSPECTOR
    if actor.role in READERS:
        return True
    return scope is not ReadScope.ALL_UNITS and not (label == "unit (other)" and call.names_unit)
