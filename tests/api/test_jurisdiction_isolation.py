"""No query and no mutation crosses a jurisdiction's line (issue 9 points 1 and 2).

Two counties, each a small world (tests/api/world.py) in its own PostgreSQL database,
behind a city's server. The walk takes every query and mutation from the schema itself,
so an operation added later is walked too (its arguments filled by name, or else by
type). A token for county A:
- sent to county B is refused with OUTSIDE_JURISDICTION, without data, and stores
  nothing in either county, for every role;
- sent to county A with B's ids gets nothing of B back and stores nothing in B.
A token for B reading B (the control) does see B's ids, so the check can see them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    get_named_type,
)
from psycopg import sql

from api.schema import build_schema
from api.settings import ApiSettings
from application.app import AssessmentApplication
from domain.ids import year_id
from domain.periods import OFFICE_TZ
from domain.vocabulary import REVIEW_ORDER
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import standard_rulebook as county_rulebook
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests import builders
from tests.api.harness import mutation_document, selection
from tests.api.jurisdiction_servers import (
    CITY,
    COUNTY_A,
    COUNTY_B,
    Server,
    city_server,
    graphql_path,
    registry_of,
)
from tests.api.world import STAFF, World, build_world, inputs
from tests.builders import ROOT, filler
from tests.integration.test_jurisdictions import two_databases

__all__ = ["two_databases"]  # the fixture: two PostgreSQL databases made for the module
SCHEMA = build_schema(ApiSettings())._schema
SEEDS = {CITY: 2, COUNTY_A: 3, COUNTY_B: 5}


@pytest.fixture(scope="module")
def counties(two_databases: tuple[str, str]) -> Iterator[tuple[Server, dict[str, World]]]:
    registry = registry_of(*two_databases)
    for jurisdiction in registry.jurisdictions:
        url, schema = jurisdiction.database_url.split("?schema=")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))

    def build(settings: Settings) -> AssessmentApplication:
        clock = ManualClock(datetime(2025, 1, 6, 9, 0, tzinfo=OFFICE_TZ))
        ids = SeededIds(SEEDS[settings.jurisdiction])
        return build_application(settings, clock=clock, ids=ids)

    with city_server(registry, build) as server, pytest.MonkeyPatch.context() as patch:
        worlds = {}
        for code in (COUNTY_A, COUNTY_B):
            # the world's year adopts the standard rulebook, made for each county
            patch.setattr(builders, "standard_rulebook", lambda code=code: county_rulebook(code))
            worlds[code] = build_world(server.apps[code])
            runner = projection_runner(server.apps[code], registry.get(code).settings)
            runner.start()
            runner.catch_up()
            runner.log.close()  # type: ignore[attr-defined]
        yield server, worlds


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


def ids_of(world: World, app: AssessmentApplication) -> set[str]:
    """What is B's alone: every id of its world, and its year's id."""
    found = {str(v) for v in asdict(world).values() if isinstance(v, UUID)}
    return found | {str(year_id(app.jurisdiction, 2025))}


def argument_values(world: World, app: AssessmentApplication) -> dict[str, Any]:
    """A value for each required argument of a query, by name."""
    rulebook = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    return {
        "year": 2025, "unitId": str(world.a), "id": str(world.a), "period": "2025",
        "month": "2025-01", "category": "town", "subject": "unit", "rulebook": rulebook,
        "sha256": app.year(2025).rulebook_sha256, "caseId": str(world.opened_case),
        "targetId": str(world.target), "campaignId": str(world.democratic),
    }  # fmt: skip


SCALARS = {
    "Int": 1, "String": "x", "Boolean": False, "Decimal": "1", "Date": "2025-01-31",
    "DateTime": "2025-01-31T00:00:00+08:00", "Float": 1.0,
}  # fmt: skip


def sample(kind: GraphQLInputType, world: World) -> Any:
    """A value of `kind` GraphQL accepts, for an argument the table does not name."""
    if isinstance(kind, GraphQLNonNull):
        return sample(kind.of_type, world)
    if isinstance(kind, GraphQLList):
        return []
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: sample(spec.type, world)
            for name, spec in kind.fields.items()
            if isinstance(spec.type, GraphQLNonNull) and spec.default_value is Undefined
        }
    if kind.name == "ID":  # type: ignore[union-attr]
        return str(world.a)
    return SCALARS[kind.name]  # type: ignore[union-attr]  # a new scalar: give it a value


def query_documents(world: World, app: AssessmentApplication) -> list[tuple[str, str, dict]]:
    """Every query of the schema with its required arguments filled from `world`."""
    values, walked = argument_values(world, app), []
    query_type = SCHEMA.query_type
    assert query_type is not None
    for name, definition in sorted(query_type.fields.items()):
        required = {
            arg: spec
            for arg, spec in definition.args.items()
            if isinstance(spec.type, GraphQLNonNull) and spec.default_value is Undefined
        }
        declared = ", ".join(f"${arg}: {spec.type}" for arg, spec in required.items())
        passed = ", ".join(f"{arg}: ${arg}" for arg in required)
        inner = get_named_type(definition.type)
        picked = (
            f" {{ {selection(SCHEMA, inner.name, depth=4)} }}"
            if isinstance(inner, GraphQLObjectType)
            else ""
        )
        call = f"{name}({passed})" if passed else name
        document = f"query Walk{f'({declared})' if declared else ''} {{ {call}{picked} }}"
        given = {
            arg: values[arg] if arg in values else sample(spec.type, world)
            for arg, spec in required.items()
        }
        walked.append((name, document, given))
    return walked


def mutation_cases(world: World) -> list[tuple[str, dict[str, Any]]]:
    """Every mutation with the world's input (tests/api/world.py), or one made by type."""
    mutation_type = SCHEMA.mutation_type
    assert mutation_type is not None
    given = inputs(world)
    walked = []
    for name, definition in sorted(mutation_type.fields.items()):
        variables = given.get(name) or sample(definition.args["input"].type, world)
        levels = [level.value for level in REVIEW_ORDER] if name == "reviewTarget" else [None]
        walked += [(name, variables | ({"level": lv} if lv else {})) for lv in levels]
    return walked


def test_a_token_for_one_county_is_refused_by_the_other_for_every_operation(
    counties: tuple[Server, dict[str, World]],
) -> None:
    server, worlds = counties
    b_app, world_b = server.apps[COUNTY_B], worlds[COUNTY_B]
    users = [*STAFF, filler(worlds[COUNTY_A].a)]
    operations = [
        (name, document, variables)
        for name, document, variables in query_documents(world_b, b_app)
        if name != "health"
    ] + [
        (name, mutation_document(SCHEMA, name), {"input": variables})
        for name, variables in mutation_cases(world_b)
    ]
    wrong = []
    for name, document, variables in operations:
        for actor in users:
            before = (server.events(COUNTY_A), server.events(COUNTY_B))
            body = server.post(
                graphql_path(COUNTY_B), document, variables, as_=actor, names=[COUNTY_A]
            )
            after = (server.events(COUNTY_A), server.events(COUNTY_B))
            refused = codes(body) == ["OUTSIDE_JURISDICTION"] and not any(
                (body.get("data") or {}).values()
            )
            if not refused or after != before:
                wrong.append(f"{name} as {actor.role}: {str(body)[:200]}, events {before}→{after}")
    assert len(operations) > 60
    assert not wrong, "\n".join(wrong)


def test_a_token_for_one_county_meets_nothing_of_the_other_in_its_own(
    counties: tuple[Server, dict[str, World]],
) -> None:
    server, worlds = counties
    b_app, world_b, world_a = server.apps[COUNTY_B], worlds[COUNTY_B], worlds[COUNTY_A]
    of_b = ids_of(world_b, b_app)
    assert not of_b & ids_of(world_a, server.apps[COUNTY_A])  # B's ids are B's alone
    users = [STAFF[0], filler(world_a.a)]  # the office, and a unit user of A
    wrong, seen_by_b = [], 0
    for name, document, variables in query_documents(world_b, b_app):
        asked = set(json.dumps(variables).split('"'))
        # B's own reader first (the control): an answer kept for it (api/response_cache.py)
        # must never be handed to the same user, asking the same, in A
        control = server.post(
            graphql_path(COUNTY_B), document, variables, as_=STAFF[0], names=[COUNTY_B]
        )
        seen_by_b += any(i in json.dumps(control.get("data")) for i in of_b - asked)
        for actor in users:
            before = server.events(COUNTY_B)
            body = server.post(
                graphql_path(COUNTY_A), document, variables, as_=actor, names=[COUNTY_A]
            )
            shown = {i for i in of_b - asked if i in json.dumps(body.get("data"))}
            if shown or server.events(COUNTY_B) != before or "INTERNAL" in codes(body):
                wrong.append(f"{name} as {actor.role} in A shows B's {shown}: {str(body)[:200]}")
    for name, variables in mutation_cases(world_b):
        before = server.events(COUNTY_B)
        body = server.post(
            graphql_path(COUNTY_A), mutation_document(SCHEMA, name), {"input": variables},
            as_=STAFF[0], names=[COUNTY_A],
        )  # fmt: skip
        if server.events(COUNTY_B) != before or "INTERNAL" in codes(body):
            wrong.append(f"{name} in A with B's input stored in B or failed: {str(body)[:200]}")
    assert not wrong, "\n".join(wrong)
    assert seen_by_b >= 5  # the control: B's own token reads B's ids, so they would show


def test_a_token_without_the_claim_acts_in_the_served_jurisdiction_only(
    counties: tuple[Server, dict[str, World]],
) -> None:
    server, _ = counties
    query = "query { assessmentYear(year: 2025) { jurisdiction } }"
    office = STAFF[0]

    served = server.post("/graphql", query, as_=office)
    served_again = server.post(graphql_path(CITY), query, as_=office)
    county = server.post(graphql_path(COUNTY_A), query, as_=office)
    both = [
        server.post(graphql_path(code), query, as_=office, names=[COUNTY_A, COUNTY_B])
        for code in (COUNTY_A, COUNTY_B)
    ]
    city_from_county = server.post("/graphql", query, as_=office, names=[COUNTY_A])
    unknown = server.post(graphql_path("nowhere"), query, as_=office, names=["nowhere"])

    assert served == served_again == {"data": {"assessmentYear": None}}  # the city's: no year
    assert codes(county) == ["OUTSIDE_JURISDICTION"]
    assert [b["data"]["assessmentYear"]["jurisdiction"] for b in both] == [COUNTY_A, COUNTY_B]
    assert codes(city_from_county) == ["OUTSIDE_JURISDICTION"]
    assert codes(unknown) == ["UNKNOWN_JURISDICTION"], unknown
    assert county["errors"][0]["extensions"]["field"] == "jurisdiction"


def test_the_public_reaches_each_county_for_its_ballot_only(
    counties: tuple[Server, dict[str, World]],
) -> None:
    server, worlds = counties
    read = server.post(graphql_path(COUNTY_B), "query { assessmentYear(year: 2025) { year } }")
    tokens = server.post(
        graphql_path(COUNTY_B),
        mutation_document(SCHEMA, "issueEvaluationTokens"),
        {"input": {"campaignId": str(worlds[COUNTY_B].public), "count": 1}},
        as_=STAFF[0],
        names=[COUNTY_B],
    )["data"]["issueEvaluationTokens"]["tokens"]
    ballot = inputs(worlds[COUNTY_B])["submitPublicEvaluation"] | {"token": tokens[0]}
    document = mutation_document(SCHEMA, "submitPublicEvaluation")
    before = server.events(COUNTY_A), server.events(COUNTY_B)

    in_a = server.post(graphql_path(COUNTY_A), document, {"input": ballot})
    in_b = server.post(graphql_path(COUNTY_B), document, {"input": ballot})

    assert codes(read) == ["FORBIDDEN"]
    assert "errors" in in_a  # A issued no such token
    assert server.events(COUNTY_A) == before[0]
    assert "errors" not in in_b, in_b
    assert server.events(COUNTY_B) > before[1]
