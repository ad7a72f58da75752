"""`dukao project` and `dukao rebuild` on a store with a year in it."""

from __future__ import annotations

from typer.testing import CliRunner

from application.app import AssessmentApplication
from infrastructure.cli import cli
from tests.builders import enrolled_unit, open_year

runner = CliRunner()


def test_project_then_rebuild_one_view_reach_the_end_of_the_log(
    app: AssessmentApplication, store_url: str
) -> None:
    open_year(app)
    enrolled_unit(app, "T01")
    head = app.recorder.max_notification_id()

    projected = runner.invoke(cli, ["project", "-d", store_url])
    rebuilt = runner.invoke(cli, ["rebuild", "audit_trail", "-d", store_url])

    assert projected.exit_code == 0, projected.output
    assert f"views at position {head:,}" in projected.output
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "projecting the log" in rebuilt.output
    assert f"views at position {head:,}" in rebuilt.output


def test_rebuilding_an_unknown_view_names_the_views_there_are(store_url: str) -> None:
    result = runner.invoke(cli, ["rebuild", "rankings_of_mars", "-d", store_url])

    assert result.exit_code == 1
    assert "no view named rankings_of_mars" in result.output
    assert "audit_trail" in result.output
