"""`dukao demo` end to end: serve the session's tiny year, ask it over HTTP.

The expected values are read from the same SQLite file by a second application, so the
API is checked against the store, not against numbers written into the test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime

import httpx
import orjson
import pytest
from eventsourcing.persistence import Notification

from application.app import AssessmentApplication
from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings
from tests.e2e.conftest import SEED, TinyDemo
from tests.e2e.server import Server, start

YEAR_FIELDS = (
    "jurisdiction year rulebookVersion rulebookSha256 closedMonths finalized enrolledUnits"
)
EVENT_FIELDS = "id topic originatorId originatorVersion recordedAt actorId actorRole reason"


@pytest.fixture(scope="module")
def server(tiny_demo: TinyDemo) -> Iterator[Server]:
    args = ["demo", "--size", "tiny", "--seed", str(SEED), "--data-dir", str(tiny_demo.data_dir)]
    running = start(args, tiny_demo.data_dir / "server.log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def store(server: Server, tiny_demo: TinyDemo) -> Iterator[AssessmentApplication]:
    reader = build_application(Settings(tiny_demo.url))
    yield reader
    reader.close()


def all_notifications(store: AssessmentApplication) -> list[Notification]:
    last = store.recorder.max_notification_id() or 0
    return list(store.recorder.select_notifications(start=1, limit=last))


def test_the_demo_reuses_its_file_and_serves_it(server: Server, tiny_demo: TinyDemo) -> None:
    log = server.log()
    assert f"Reusing {tiny_demo.file}" in log
    assert "Generating" not in log
    assert server.url in log


def test_the_year_is_served_as_the_store_holds_it(
    server: Server, store: AssessmentApplication
) -> None:
    year = store.year(2025)
    served = server.data(f"{{ assessmentYear(year: 2025) {{ {YEAR_FIELDS} }} }}")
    assert served["assessmentYear"] == {
        "jurisdiction": year.jurisdiction,
        "year": 2025,
        "rulebookVersion": year.rulebook_version,
        "rulebookSha256": year.rulebook_sha256,
        "closedMonths": year.closed_months,
        "finalized": year.finalized,
        "enrolledUnits": len(year.roster),
    }
    assert served["assessmentYear"]["enrolledUnits"] > 0
    assert len(served["assessmentYear"]["rulebookSha256"]) == 64


def test_a_year_never_opened_is_null(server: Server) -> None:
    assert server.data("{ assessmentYear(year: 2031) { year } }") == {"assessmentYear": None}


def test_event_counts_equal_the_store_counts(server: Server, store: AssessmentApplication) -> None:
    expected = Counter(n.topic.rsplit(":", 1)[-1] for n in all_notifications(store))
    served = server.data("{ eventCounts { topic count } }")["eventCounts"]
    expected["InspectorRead.Recorded"] += 1  # this read itself, recorded before it is served
    assert {row["topic"]: row["count"] for row in served} == dict(expected)
    assert sum(row["count"] for row in served) == store.recorder.max_notification_id()


def test_the_event_log_pages_in_recorded_order(
    server: Server, store: AssessmentApplication
) -> None:
    first = server.data(f"{{ eventLog(first: 3) {{ {EVENT_FIELDS} }} }}")["eventLog"]
    after = server.data(f"{{ eventLog(first: 3, after: 3) {{ {EVENT_FIELDS} }} }}")["eventLog"]
    stored = all_notifications(store)[:6]
    served = first + after
    assert [e["id"] for e in served] == [1, 2, 3, 4, 5, 6]
    for event, notification in zip(served, stored, strict=True):
        assert event["originatorId"] == str(notification.originator_id)
        assert event["originatorVersion"] == notification.originator_version
        assert event["topic"] == notification.topic.rsplit(":", 1)[-1]
        assert datetime.fromisoformat(event["recordedAt"]).tzinfo is not None
        meta = orjson.loads(notification.state)["meta"]
        assert (event["actorId"], event["actorRole"]) == (meta["actor_id"], meta["actor_role"])


def test_bad_paging_is_a_domain_error_with_code_and_field(server: Server) -> None:
    body = server.query("{ eventLog(first: 0) { id } }")
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "INVALID_INPUT", "field": "first"}


def test_graphiql_is_served_to_browsers(server: Server) -> None:
    page = httpx.get(server.url, headers={"accept": "text/html"}, timeout=10)
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
