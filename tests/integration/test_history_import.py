"""Historic years (issue 9 point 3): a past year from JSON lines through the commands,
all or nothing, every bad line named; an imported year replays like any other."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from application.app import AssessmentApplication
from domain.rulebook.document import parse_rulebook_yaml
from infrastructure.bootstrap import build_application
from infrastructure.cli import cli
from infrastructure.clock import ManualClock
from infrastructure.imports.history import import_history, read_lines
from infrastructure.settings import Settings
from tests.builders import ROOT
from tests.history_lines import YEAR, as_text, history
from tests.scenarios import event_count

REVISED = parse_rulebook_yaml((ROOT / "rulebooks" / "revised-2025.yaml").read_text("utf-8"))


def test_a_past_year_is_imported_and_replays_under_a_revised_rulebook(
    app: AssessmentApplication, store_url: str
) -> None:
    lines, bad = read_lines(as_text(history()).splitlines())
    assert bad == []

    report = import_history(app, Settings(store_url), lines, batch=100)

    assert report.stored
    assert report.events == event_count(app) > len(lines)
    official = app.official_result(year=YEAR)
    assert sorted(unit.code for unit in official.units) == ["T01", "T02"]
    assert all(unit.total > 0 for unit in official.units)
    replay = app.replay_year(year=YEAR, rulebook=REVISED.model_copy(
        update={"jurisdiction": app.jurisdiction}))  # fmt: skip
    assert replay.official == official


def test_every_bad_line_is_named_and_nothing_is_stored(
    app: AssessmentApplication, store_url: str
) -> None:
    facts = history()
    facts[11]["data"]["spec"]["weight"] = "-5"  # a target weighing less than nothing
    facts[20] = {**facts[20], "fact": "TargetBlessed"}
    facts[30]["data"]["level"] = "the_moon"
    lines, bad = read_lines(as_text(facts).splitlines())
    assert bad == []

    report = import_history(app, Settings(store_url), lines, batch=100)

    assert not report.stored
    assert event_count(app) == 0
    named = {(line.line, line.field) for line in report.bad}
    assert (12, "data.spec.weight") in named
    assert (21, "data") in named
    assert (31, "data.level") in named


def test_the_command_line_imports_a_file_or_names_its_bad_lines(
    store_url: str, tmp_path: Path
) -> None:
    good, broken = tmp_path / "2019.jsonl", tmp_path / "broken.jsonl"
    good.write_text(as_text(history()), "utf-8")
    broken.write_text('{"fact": "YearOpened"}\nnot json\n', "utf-8")
    runner = CliRunner()

    imported = runner.invoke(cli, ["import-history", str(good), "-d", store_url])
    refused = runner.invoke(cli, ["import-history", str(broken), "-d", store_url])

    assert imported.exit_code == 0, imported.output
    assert "imported" in imported.output
    assert refused.exit_code == 1
    assert "line 1, at" in refused.output
    assert "line 2, line: not JSON" in refused.output
    assert "nothing was stored" in refused.output
    assert orjson.loads(good.read_text().splitlines()[0])["fact"] == "YearOpened"


def test_the_batched_path_stores_what_one_command_at_a_time_stores_and_reports_progress(
    app: AssessmentApplication, store_url: str, tmp_path: Path
) -> None:
    lines, _ = read_lines(as_text(history()).splitlines())
    calls: list[tuple[int, int]] = []
    batched = import_history(
        app, Settings(store_url), lines, batch=50, on_progress=lambda *c: calls.append(c)
    )
    single_url = f"sqlite:///{tmp_path}/single.sqlite"
    single = build_application(Settings(single_url), clock=ManualClock(lines[0][1].at))
    try:
        one_by_one = import_history(single, Settings(single_url), lines, batch=1)
        assert batched.events == one_by_one.events == event_count(app) == event_count(single)
        assert stored(app) == stored(single)
    finally:
        single.close()
    total = 2 * len(lines)  # every line checked on a scratch store, then written
    assert calls[-1] == (total, total)
    assert (len(lines), total) in calls  # the check ends before the write starts
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})


def stored(app: AssessmentApplication) -> list[tuple[object, ...]]:
    notifications = app.recorder.select_notifications(start=1, limit=1_000_000)
    return [(n.originator_id, n.originator_version, n.topic, n.state) for n in notifications]
