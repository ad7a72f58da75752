"""A city's server routing two counties, each on its own PostgreSQL database (issue 9
points 1 and 2): the city 巴中市 is served (`/graphql`), 南江县 and 平昌县 are routed
(`/j/<code>/graphql`) through the registry, and a token names the jurisdictions it may
act in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from api.auth import mint
from api.settings import ApiSettings
from application.app import AssessmentApplication
from domain.actors import Actor
from infrastructure.exports.downloads import OfficeExports
from infrastructure.imports.tables import read_table
from infrastructure.jurisdictions import JurisdictionApplications, Registry
from infrastructure.routing import RegistryJurisdictions
from infrastructure.settings import Settings

CITY, COUNTY_A, COUNTY_B = "bazhong", "nanjiang", "pingchang"


def registry_of(first: str, second: str) -> Registry:
    """The city and county A on the first database, county B on the second."""
    return Registry.model_validate(
        {"jurisdictions": [
            {"code": CITY, "name": "巴中市", "level": "city",
             "database_url": f"{first}?schema={CITY}"},
            {"code": COUNTY_A, "name": "南江县", "level": "county", "parent": CITY,
             "database_url": f"{first}?schema={COUNTY_A}"},
            {"code": COUNTY_B, "name": "平昌县", "level": "county", "parent": CITY,
             "database_url": f"{second}?schema={COUNTY_B}"},
        ]}
    )  # fmt: skip


@dataclass
class Server:
    client: TestClient
    apps: dict[str, AssessmentApplication]
    settings: ApiSettings
    tokens: dict[tuple[Actor, tuple[str, ...] | None], str] = field(default_factory=dict)

    def token(self, actor: Actor, jurisdictions: Sequence[str] | None) -> str:
        key = (actor, tuple(sorted(jurisdictions)) if jurisdictions is not None else None)
        if key not in self.tokens:
            keys = self.settings.keys
            self.tokens[key] = mint(
                keys, signing_key=keys.key, user_id=actor.user_id, role=actor.role,
                unit_id=actor.unit_id, jurisdictions=jurisdictions,
            )  # fmt: skip
        return self.tokens[key]

    def post(
        self,
        path: str,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_: Actor | None = None,
        names: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """`query` posted to `path` with a token for `as_` naming `names`."""
        headers = {} if as_ is None else {"Authorization": f"Bearer {self.token(as_, names)}"}
        response = self.client.post(
            path, json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def events(self, code: str) -> int:
        return self.apps[code].recorder.max_notification_id() or 0


def graphql_path(code: str) -> str:
    return f"/j/{code}/graphql"


@contextmanager
def city_server(
    registry: Registry, build: Callable[[Settings], AssessmentApplication]
) -> Iterator[Server]:
    """The city's server: every jurisdiction's application made by `build`."""
    applications = JurisdictionApplications(registry, build)
    served = applications(CITY)
    settings = ApiSettings()
    web = create_app(
        served,
        settings=settings,
        table_reader=read_table,
        jurisdictions=RegistryJurisdictions(registry, applications),
        exports=OfficeExports(),
    )
    try:
        with TestClient(web) as client:
            apps = {j.code: applications(j.code) for j in registry.jurisdictions}
            yield Server(client, apps, settings)
    finally:
        applications.close()
