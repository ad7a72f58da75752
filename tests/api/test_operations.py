"""Operations: liveness, readiness with the database and any other registered check,
Prometheus metrics per jurisdiction and operation, and one JSON log line per request
carrying the correlation id that also lands in the events' metadata."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families
from psycopg import sql

from api.telemetry import UNROUTED
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock
from infrastructure.jurisdictions import Registry
from infrastructure.settings import DEFAULT_JURISDICTION
from tests.api.harness import JAN_6, Api, served
from tests.api.jurisdiction_servers import (
    CITY,
    COUNTY_A,
    COUNTY_B,
    Server,
    city_server,
    graphql_path,
)
from tests.builders import OFFICE


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with served(f"sqlite:///{tmp_path / 'events.sqlite'}") as running:
        yield running


OPEN_2025 = "mutation { openYear(input: {year: 2025}) { assessmentYear { year } } }"
REQUESTS, LATENCY = "dukao_graphql_requests_total", "dukao_graphql_request_seconds_count"


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of the series `name{labels}` on a /metrics page; None when it is absent."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and found.labels == labels:
                return found.value
    return None


def test_healthz_and_readyz_answer(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    ready = api.client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"database": {"ready": True}}}


def test_readyz_reports_a_registered_check_that_is_not_ready(api: Api) -> None:
    api.client.app.state.readiness.register("projections", lambda: "12 events behind")  # type: ignore[attr-defined]
    ready = api.client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["projections"] == {"ready": False, "reason": "12 events behind"}


def test_readyz_is_503_when_the_database_is_gone(pg_database: str) -> None:
    schema = f"ready_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    with served(f"{pg_database}?schema={schema}") as running:
        assert running.client.get("/readyz").status_code == 200
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
        ready = running.client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == {"ready": False, "reason": "check failed"}
    assert "stored_events" not in ready.text  # no SQL reaches the client


def test_the_correlation_id_goes_into_the_events_the_response_and_the_log(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="dukao.requests")
    response = api.client.post(
        "/graphql",
        json={"query": OPEN_2025, "operationName": None},
        headers={
            "Authorization": f"Bearer {api.token(OFFICE)}",
            "X-Correlation-Id": "office-req-7",
        },
    )
    assert response.status_code == 200
    assert response.headers["x-correlation-id"] == "office-req-7"
    [stored] = api.app.recorder.select_notifications(start=1, limit=1)
    assert orjson.loads(stored.state)["meta"]["correlation_id"] == "office-req-7"
    [line] = [json.loads(r.getMessage()) for r in caplog.records if r.name == "dukao.requests"]
    assert line["operation"] == "openYear"
    assert line["status"] == 200
    assert line["errors"] == []
    assert line["correlation_id"] == "office-req-7"
    assert line["user_id"] == OFFICE.user_id
    assert line["duration_ms"] > 0
    assert api.token(OFFICE) not in caplog.text


def test_a_request_without_an_id_gets_a_new_one(api: Api) -> None:
    first = api.client.post("/graphql", json={"query": "{ health }"})
    second = api.client.post(
        "/graphql", json={"query": "{ health }"}, headers={"X-Correlation-Id": "\x01bad"}
    )
    assert len(first.headers["x-correlation-id"]) == 32
    assert second.headers["x-correlation-id"] not in ("\x01bad", first.headers["x-correlation-id"])


def test_metrics_count_requests_and_latency_per_operation(api: Api) -> None:
    api.post(OPEN_2025, as_=OFFICE)
    api.post(OPEN_2025, as_=OFFICE)  # ALREADY_EXISTS
    api.post("{ madeUp }")
    text = api.client.get("/metrics").text
    served = DEFAULT_JURISDICTION  # `/graphql`: the served jurisdiction's
    assert sample(text, REQUESTS, jurisdiction=served, operation="openYear", outcome="ok") == 1
    assert (
        sample(text, REQUESTS, jurisdiction=served, operation="openYear", outcome="ALREADY_EXISTS")
        == 1
    )
    assert sample(text, LATENCY, jurisdiction=served, operation="openYear") == 2
    assert 'operation="invalid"' in text
    assert "madeUp" not in text  # a made-up field never becomes a label


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Server]:
    """A city's server routing two counties, every store a SQLite file."""
    places = [(CITY, "city", None), (COUNTY_A, "county", CITY), (COUNTY_B, "county", CITY)]
    registry = Registry.model_validate(
        {"jurisdictions": [
            {"code": code, "name": code, "level": level, "parent": parent,
             "database_url": f"sqlite:///{tmp_path / code}.sqlite"}
            for code, level, parent in places
        ]}
    )  # fmt: skip
    with city_server(registry, lambda s: build_application(s, clock=ManualClock(JAN_6))) as server:
        yield server


def test_metrics_name_the_jurisdiction_routed_to_and_no_code_it_does_not_route(
    city: Server,
) -> None:
    city.post("/graphql", OPEN_2025, as_=OFFICE, names=[CITY])
    for _ in range(2):  # ok, then ALREADY_EXISTS
        city.post(graphql_path(COUNTY_A), OPEN_2025, as_=OFFICE, names=[COUNTY_A])
    for made_up in ("wanyuan", "tongjiang", "x" * 60):
        city.post(graphql_path(made_up), OPEN_2025, as_=OFFICE, names=[made_up])
    city.post(graphql_path("Nan%20Jiang"), "{ health }")

    text = city.client.get("/metrics").text

    opened = {"operation": "openYear", "outcome": "ok"}
    assert sample(text, REQUESTS, jurisdiction=CITY, **opened) == 1
    assert sample(text, REQUESTS, jurisdiction=COUNTY_A, **opened) == 1
    assert sample(text, LATENCY, jurisdiction=COUNTY_A, operation="openYear") == 2
    unrouted = {"operation": "openYear", "outcome": "UNKNOWN_JURISDICTION"}
    assert sample(text, REQUESTS, jurisdiction=UNROUTED, **unrouted) == 3  # one series for all
    assert sample(text, REQUESTS, jurisdiction=UNROUTED, operation="health", outcome="ok") == 1
    labelled = {
        found.labels["jurisdiction"]
        for family in text_string_to_metric_families(text)
        for found in family.samples
        if "jurisdiction" in found.labels
    }
    assert labelled == {CITY, COUNTY_A, UNROUTED}
