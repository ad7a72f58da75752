"""Schemathesis fuzzes every query and mutation of the served schema, as the office (who
may run most commands) and as the anonymous public: no response is a 5xx, none is an
unexpected (INTERNAL) error, and a request answered with an error stored nothing, in
either jurisdiction. Both paths of a server with a registry of two jurisdictions are
fuzzed: `/graphql` (the served county) and `/j/<code>/graphql` (the city it is routed
to, its county among its members). Bounded: a few examples per operation, derived from
a fixed seed (derandomized), so a run is the same run every time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from api.auth import mint
from api.schema import build_schema
from api.settings import ApiSettings
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock
from infrastructure.demo.generator import standard_rulebook as rulebook
from infrastructure.settings import DEFAULT_JURISDICTION, Settings
from tests import builders
from tests.api.harness import JAN_6
from tests.api.jurisdiction_servers import CITY
from tests.api.world import build_world
from tests.builders import OFFICE
from tests.e2e.server import Server, bearer, start

EXAMPLES_PER_OPERATION = 3
# Decimals as clients send them: strings, sane or not (NaN, huge, not a number).
DECIMALS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.sampled_from(["NaN", "-Infinity", "1e999999", "ten", ""]),
)
schemathesis.graphql.scalar("Decimal", DECIMALS.map(nodes.String))


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, list[Settings]]]:
    """The served county and the routed city, each a small world on its own SQLite file."""
    folder = tmp_path_factory.mktemp("fuzz")
    stores = [
        Settings(f"sqlite:///{folder / 'events.sqlite'}", DEFAULT_JURISDICTION),
        Settings(f"sqlite:///{folder / 'city.sqlite'}", CITY),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for store in stores:  # real ids to find, states to refuse
            # the world's year adopts the standard rulebook, made for its jurisdiction
            patch.setattr(builders, "standard_rulebook", lambda j=store.jurisdiction: rulebook(j))
            setup = build_application(store, clock=ManualClock(JAN_6))
            build_world(setup)
            setup.close()
    county, city = stores
    registry = folder / "jurisdictions.yaml"
    registry.write_text(
        yaml.safe_dump({"jurisdictions": [
            {"code": CITY, "name": "巴中市", "level": "city", "database_url": city.database_url},
            {"code": county.jurisdiction, "name": "示范县", "level": "county", "parent": CITY,
             "database_url": county.database_url},
        ]}, allow_unicode=True),
        "utf-8",
    )  # fmt: skip
    env = {"DUKAO_JURISDICTION": county.jurisdiction, "DUKAO_JURISDICTIONS": str(registry)}
    server = start(["serve", "--database-url", county.database_url], folder / "server.log", env)
    yield server, stores
    server.stop()


@pytest.mark.parametrize("path", ["/graphql", f"/j/{CITY}/graphql"])
def test_no_operation_fails_the_server_or_stores_a_refused_request(
    fuzzed: tuple[Server, list[Settings]], path: str
) -> None:
    server, stores = fuzzed
    apps = [build_application(store) for store in stores]
    schema = schemathesis.graphql.from_url(server.url.replace("/graphql", path))
    as_office = {"Authorization": f"Bearer {office_token(path)}"}
    failures: list[str] = []

    def events() -> int:  # in both jurisdictions: a refusal stores nothing anywhere
        return sum(app.recorder.max_notification_id() or 0 for app in apps)

    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        fuzz_operation(operation, events, as_office, failures)
    for app in apps:
        app.close()
    assert not failures, "\n".join(failures)
    calls = server.log().count(f'"path":"{path}"')
    served = build_schema(ApiSettings())._schema
    assert len(operations) == len(served.query_type.fields) + len(served.mutation_type.fields)  # type: ignore[union-attr]
    assert calls > 2 * len(operations)  # the run did ask, a few times per operation


def office_token(path: str) -> str:
    """The office's: of the served county (no claim), or naming the city it asks in."""
    if path == "/graphql":
        return bearer(OFFICE)
    keys = ApiSettings().keys
    return mint(keys, signing_key=keys.key, user_id=OFFICE.user_id, role=OFFICE.role,
                jurisdictions=[CITY])  # fmt: skip


def fuzz_operation(
    operation: Any, events: Callable[[], int], as_office: dict[str, str], failures: list[str]
) -> None:
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), signed=st.booleans())
    def fuzz(case: schemathesis.Case, signed: bool) -> None:
        before = events()
        response = case.call(headers=as_office if signed else {}, timeout=30)
        if response.status_code >= 500:
            failures.append(f"{operation.label}: {response.status_code} {response.text}")
            return
        errors = response.json().get("errors") or []
        if errors and events() != before:
            failures.append(f"{operation.label}: refused but stored: {errors}")
        if any(e.get("extensions", {}).get("code") == "INTERNAL" for e in errors):
            failures.append(f"{operation.label}: an unexpected error for {case.body}")

    fuzz()
