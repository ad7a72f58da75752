"""Schemathesis fuzzes every query and mutation of the served schema, as the office (who
may run most commands) and as the anonymous public: no response is a 5xx, none is an
unexpected (INTERNAL) error, and a request answered with an error stored nothing.
Bounded: a few examples per operation, derived from a fixed seed (derandomized), so a
run is the same run every time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.graphql import nodes

from api.schema import build_schema
from api.settings import ApiSettings
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from tests.api.harness import JAN_6
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
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    folder = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{folder / 'events.sqlite'}"
    setup = build_application(Settings(url), clock=ManualClock(JAN_6))
    build_world(setup)  # real ids to find, states to refuse
    setup.close()
    server = start(["serve", "--database-url", url], folder / "server.log")
    yield server, url
    server.stop()


def test_no_operation_fails_the_server_or_stores_a_refused_request(
    fuzzed: tuple[Server, str],
) -> None:
    server, url = fuzzed
    store = build_application(Settings(url))
    schema = schemathesis.graphql.from_url(server.url)
    as_office = {"Authorization": f"Bearer {bearer(OFFICE)}"}
    failures: list[str] = []

    def events() -> int:
        return store.recorder.max_notification_id() or 0

    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        fuzz_operation(operation, events, as_office, failures)
    store.close()
    assert not failures, "\n".join(failures)
    calls = server.log().count('"path":"/graphql"')
    served = build_schema(ApiSettings())._schema
    assert len(operations) == len(served.query_type.fields) + len(served.mutation_type.fields)  # type: ignore[union-attr]
    assert calls > 2 * len(operations)  # the run did ask, a few times per operation


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
