"""Operations: liveness, readiness with the database and any other registered check,
Prometheus metrics per operation, and one JSON log line per request carrying the
correlation id that also lands in the events' metadata."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import psycopg
import pytest
from psycopg import sql

from tests.api.harness import Api, served
from tests.builders import OFFICE


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with served(f"sqlite:///{tmp_path / 'events.sqlite'}") as running:
        yield running


OPEN_2025 = "mutation { openYear(input: {year: 2025}) { assessmentYear { year } } }"


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
    assert 'dukao_graphql_requests_total{operation="openYear",outcome="ok"} 1.0' in text
    assert 'dukao_graphql_requests_total{operation="openYear",outcome="ALREADY_EXISTS"} 1.0' in text
    assert 'dukao_graphql_request_seconds_count{operation="openYear"} 2.0' in text
    assert 'operation="invalid"' in text
    assert "madeUp" not in text  # a made-up field never becomes a label
