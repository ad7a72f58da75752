"""A dedicated application role on PostgreSQL runs every command through the store
function, and the database refuses it any other change to the log."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from application.app import AssessmentApplication
from infrastructure.bootstrap import build_application
from infrastructure.cli import cli
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.integrity.verify import verify_store
from infrastructure.settings import Settings
from tests.builders import OFFICE, enrolled_unit, open_year

pytestmark = pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
EVENTS = "assessment_events"
CHANGES = [
    "UPDATE {events} SET state = state WHERE notification_id = 1",
    "DELETE FROM {events} WHERE notification_id = 1",
    "TRUNCATE {events}",
    "INSERT INTO {events} (originator_id, originator_version, topic, state) "
    "SELECT gen_random_uuid(), 1, topic, state FROM {events} LIMIT 1",
    "UPDATE {hashes} SET hash = hash WHERE notification_id = 1",
    "DELETE FROM {hashes} WHERE notification_id = 1",
    "INSERT INTO {hashes} VALUES (999, '\\x00')",
]


@pytest.fixture
def role_app(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    """The store created by its owner, then the application running as a role that the
    owner granted with `dukao grant-app-role`."""
    owner = build_application(Settings(store_url), clock=clock, ids=SeededIds(9))
    owner.close()
    role = f"dukao_app_{uuid.uuid4().hex[:8]}"
    database = store_url.split("?", 1)[0]
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    run = CliRunner().invoke(cli, ["grant-app-role", role, "-d", store_url])
    assert run.exit_code == 0, run.output
    as_role = store_url.replace("postgres@", f"{role}@", 1)
    app = build_application(
        Settings(as_role), clock=clock, ids=SeededIds(9), extra_env={"CREATE_TABLE": "n"}
    )
    yield app
    app.close()
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_the_role_runs_commands_and_the_log_verifies(role_app: AssessmentApplication) -> None:
    open_year(role_app)
    enrolled_unit(role_app, "T01")
    role_app.publish_log_digest(by=OFFICE)

    assert verify_store(role_app).intact


@pytest.mark.parametrize("change", CHANGES)
def test_the_role_may_not_change_the_log(role_app: AssessmentApplication, change: str) -> None:
    open_year(role_app)
    before = list(role_app.chained_log().log_rows())
    statement = change.format(events=EVENTS, hashes=f"{EVENTS}_hashes")
    datastore = role_app.recorder.datastore  # type: ignore[attr-defined]

    with datastore.get_connection() as conn:
        conn.execute(f'SET search_path TO "{datastore.schema}"')
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)

    assert list(role_app.chained_log().log_rows()) == before
