"""The API in process (ASGI, no socket): real GraphQL posted as a client would, with
tokens minted for each user, over a real store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient
from graphql import (
    GraphQLArgument,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    get_named_type,
)

from api.app import create_app
from api.auth import mint
from api.settings import ApiSettings
from application.app import AssessmentApplication
from domain.actors import Actor
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.imports.tables import read_table
from infrastructure.settings import Settings

JAN_6 = datetime(2025, 1, 6, 9, 0, tzinfo=OFFICE_TZ)


@dataclass
class Api:
    client: TestClient
    app: AssessmentApplication
    settings: ApiSettings
    clock: ManualClock
    tokens: dict[Actor, str] = field(default_factory=dict)

    def token(self, actor: Actor) -> str:
        if actor not in self.tokens:
            keys = self.settings.keys
            self.tokens[actor] = mint(
                keys,
                signing_key=keys.key,
                user_id=actor.user_id,
                role=actor.role,
                unit_id=actor.unit_id,
            )
        return self.tokens[actor]

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_: Actor | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        sent = dict(headers or {})
        if as_ is not None:
            sent["Authorization"] = f"Bearer {self.token(as_)}"
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        body = self.post(query, variables, **kw)
        assert "errors" not in body, body
        return body["data"]

    def events(self) -> int:
        return self.app.recorder.max_notification_id() or 0


@contextmanager
def served(
    url: str, settings: ApiSettings | None = None, *, clock: ManualClock | None = None
) -> Iterator[Api]:
    clock = clock or ManualClock(JAN_6)
    settings = settings or ApiSettings()
    app = build_application(Settings(url), clock=clock, ids=SeededIds(3))
    web = create_app(app, settings=settings, table_reader=read_table)
    try:
        with TestClient(web) as client:
            yield Api(client, app, settings, clock)
    finally:
        app.close()


def selection(schema: GraphQLSchema, type_name: str, depth: int = 3) -> str:
    """Every field of a type without required arguments, nested `depth` levels: what a
    greedy client would ask for, so nothing can hide in a nested field."""
    graphql_type = schema.get_type(type_name)
    assert isinstance(graphql_type, GraphQLObjectType)
    parts = []
    for name, definition in graphql_type.fields.items():
        if any(_required(arg) for arg in definition.args.values()):
            continue
        inner = get_named_type(definition.type)
        if isinstance(inner, GraphQLObjectType):
            if depth > 1:
                parts.append(f"{name} {{ {selection(schema, inner.name, depth - 1)} }}")
        else:
            parts.append(name)
    return " ".join(parts) or "__typename"


def _required(argument: GraphQLArgument) -> bool:
    """An argument a client must give (`first: Int! = 100` it need not)."""
    return isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined


def mutation_document(schema: GraphQLSchema, name: str) -> str:
    mutation_type = schema.mutation_type
    assert mutation_type is not None
    field_ = mutation_type.fields[name]
    payload = get_named_type(field_.type).name
    input_type = field_.args["input"].type
    return (
        f"mutation Run($input: {input_type}) "
        f"{{ {name}(input: $input) {{ {selection(schema, payload)} }} }}"
    )
