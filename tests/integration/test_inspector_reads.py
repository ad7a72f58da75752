"""Inspectors are audited too (issue 8 point 7): each read is an event in the
hash-chained log, found in the audit trail by the inspector; only an inspector's read
is recorded, and a refused record stores nothing."""

from __future__ import annotations

import hashlib

from application.app import AssessmentApplication
from domain import errors
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.builders import INSPECTOR, OFFICE
from tests.scenarios import assert_rejected

QUERY = '{ ranking(year: 2025, period: "2025", category: "town") { edges { node { rank } } } }'
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def record(app: AssessmentApplication, **changes: object) -> object:
    values: dict[str, object] = {
        "operation": "ranking",
        "query_sha256": DIGEST,
        "arguments": {"year": 2025, "category": "town"},
        "by": INSPECTOR,
    }
    return app.record_inspector_read(**(values | changes))  # type: ignore[arg-type]


def test_an_inspectors_read_is_in_the_log_and_in_the_trail_by_inspector(
    app: AssessmentApplication, store_url: str
) -> None:
    record(app)
    runner = projection_runner(app, Settings(store_url))
    runner.start()
    runner.catch_up()

    trail = app.audit_trail(subject="actor_id", value=INSPECTOR.user_id)

    assert [(e.aggregate, e.event, e.actor_role) for e in trail] == [
        ("InspectorRead", "Recorded", "inspector")
    ]
    assert trail[0].facts["operation"] == "ranking"
    assert trail[0].facts["query_sha256"] == DIGEST
    assert trail[0].facts["arguments"] == {"year": 2025, "category": "town"}


def test_only_an_inspectors_read_is_recorded(app: AssessmentApplication) -> None:
    assert_rejected(app, errors.Forbidden, "by.role", lambda: record(app, by=OFFICE))


def test_a_read_without_an_operation_is_refused(app: AssessmentApplication) -> None:
    assert_rejected(app, errors.InvalidInput, "operation", lambda: record(app, operation=" "))


def test_a_read_without_the_querys_hash_is_refused(app: AssessmentApplication) -> None:
    assert_rejected(
        app, errors.InvalidInput, "query_sha256", lambda: record(app, query_sha256="abc")
    )
