"""A failure nobody foresaw reaches the client as a bare message, never a stack trace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings
from tests.builders import open_year
from tests.e2e.server import start


def test_an_unreadable_stored_event_is_masked_as_internal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.sqlite'}"
    application = build_application(Settings(url))
    open_year(application)
    application.close()
    with sqlite3.connect(tmp_path / "events.sqlite") as raw:  # damage the log on disk,
        triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        for (name,) in raw.execute(triggers).fetchall():  # past its append-only guard
            raw.execute(f"DROP TRIGGER {name}")
        raw.execute("UPDATE stored_events SET state = ? WHERE rowid = 1", (b"\x00not json",))
    server = start(["serve", "--database-url", url], tmp_path / "server.log")
    try:
        body = server.query("{ eventLog { id topic } }")
    finally:
        server.stop()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL"
    correlation_id = error["extensions"]["correlationId"]
    assert "Traceback" not in str(body)
    assert "JSONDecodeError" in server.log()  # the operator still sees what went wrong
    assert correlation_id in server.log()  # and finds it by the id the client was given
