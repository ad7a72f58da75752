"""`dukao replay` on both stores, through a CLI that registers only the replay command."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import orjson
import pytest
import typer
from typer.testing import CliRunner

from application.app import AssessmentApplication
from infrastructure.cli_replay import replay
from infrastructure.clock import ManualClock
from tests.builders import ROOT, YEAR, open_year
from tests.replay_helpers import closed_year, revised
from tests.scenarios import event_count

cli = typer.Typer()
cli.command("replay")(replay)
cli.command("noop")(lambda: None)  # with two commands typer keeps the "replay" name
runner = CliRunner()


@pytest.fixture
def harsher_rulebook(tmp_path: Path) -> Path:
    path = tmp_path / "harsher.json"
    path.write_bytes(orjson.dumps(revised("4", version="harsher").model_dump(mode="json")))
    return path


def test_json_output_names_the_changed_unit_and_line_and_stores_nothing(
    app: AssessmentApplication, clock: ManualClock, store_url: str, harsher_rulebook: Path
) -> None:
    units = closed_year(app, clock)
    before = event_count(app)

    run = runner.invoke(
        cli, ["replay", str(YEAR), "-r", str(harsher_rulebook), "--json", "-d", store_url]
    )

    assert run.exit_code == 0, run.output
    replay = orjson.loads(run.stdout)
    assert replay["diff"]["changed_units"] == 1
    (unit,) = [u for u in replay["diff"]["units"] if u["changed"]]
    assert unit["unit_id"] == str(units["T02"])
    assert [(c["change"], Decimal(c["points_delta"])) for c in unit["lines"]] == [
        ("changed", Decimal(-3))
    ]
    assert replay["replayed"]["rulebook_version"] == "harsher"
    assert event_count(app) == before


def test_the_table_shows_score_rank_and_grade_of_the_changed_unit(
    app: AssessmentApplication, clock: ManualClock, store_url: str, harsher_rulebook: Path
) -> None:
    closed_year(app, clock)

    run = runner.invoke(
        cli,
        ["replay", str(YEAR), "-r", str(harsher_rulebook), "-d", store_url],
        env={"COLUMNS": "200"},
    )

    assert run.exit_code == 0, run.output
    assert "1 of 3 units changed" in run.stdout
    assert "T02" in run.stdout
    assert "deduction.notification" in run.stdout
    assert "-1.00 → -4.00" in run.stdout


def test_an_open_year_is_refused_with_its_code(
    app: AssessmentApplication, clock: ManualClock, store_url: str
) -> None:
    open_year(app)
    run = runner.invoke(
        cli,
        [
            "replay",
            str(YEAR),
            "-r",
            str(ROOT / "rulebooks" / "standard-2025.yaml"),
            "-d",
            store_url,
        ],
    )
    assert run.exit_code == 1
    assert "YEAR_NOT_CLOSED" in run.stdout
