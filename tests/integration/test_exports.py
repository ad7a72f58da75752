"""Exports people use (issue 9 point 4): the ranking and the score ledger as the offices
publish them, CSV and Excel, from the command line — from a store's URL, or from a
jurisdiction's code in a city's registry; a store named wrong is refused."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from application.app import AssessmentApplication
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.cli import cli
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.imports.history import import_history, read_lines
from infrastructure.settings import Settings
from tests.history_lines import YEAR, as_text, history

runner = CliRunner()
Row = tuple[str, str, str]  # rank, unit code, score


@pytest.fixture
def a_past_year(app: AssessmentApplication, store_url: str) -> str:
    lines, _ = read_lines(as_text(history()).splitlines())
    assert import_history(app, Settings(store_url), lines, batch=200).stored
    return store_url


def rows_of_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(text[3:].decode("utf-8"))))


def test_the_ranking_is_published_category_by_category_with_grades(
    a_past_year: str, tmp_path: Path, app: AssessmentApplication
) -> None:
    out = tmp_path / "ranking.csv"

    result = runner.invoke(cli, ["export-ranking", str(YEAR), "-o", str(out), "-d", a_past_year])

    assert result.exit_code == 0, result.output
    title, header, *rows = rows_of_csv(out)
    assert title == [f"{YEAR}年年度考核排名"]
    assert header == ["类别", "排名", "单位代码", "单位", "得分", "等次", "名次变化"]
    official = app.official_result(year=YEAR)
    assert [(r[1], r[2], r[4]) for r in rows] == [
        (str(u.rank), u.code, str(u.total)) for u in official.units
    ]
    assert {r[5] for r in rows} <= {"优秀", "良好", "一般"}


def test_the_ledger_has_every_line_and_each_units_lines_add_up(
    a_past_year: str, tmp_path: Path
) -> None:
    out = tmp_path / "ledger.xlsx"

    result = runner.invoke(cli, ["export-ledger", str(YEAR), "-o", str(out), "-d", a_past_year])

    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet is not None
    values = list(sheet.iter_rows(min_row=3, values_only=True))
    for code in ("T01", "T02"):
        mine = [row for row in values if row[2] == code]
        [total] = [row for row in mine if row[4] == "合计"]
        lines = [row for row in mine if row[4] != "合计"]
        assert Decimal(str(total[5])) == sum(Decimal(str(row[5])) for row in lines)
        assert all(row[6] and row[8] for row in lines if row[4] == "目标完成")


def test_an_unknown_format_is_refused(a_past_year: str, tmp_path: Path) -> None:
    out = tmp_path / "ranking.pdf"

    result = runner.invoke(cli, ["export-ranking", str(YEAR), "-o", str(out), "-d", a_past_year])

    assert result.exit_code == 1
    assert "--format must be one of csv, xlsx" in result.output
    assert not out.exists()


# --- by a jurisdiction's code in a city's registry (issue 9): `--registry --jurisdiction`

COUNTY, EMPTY_COUNTY = "nanjiang", "pingchang"


def write_registry(folder: Path, county_url: str) -> Path:
    """巴中市's registry: 南江县 on `county_url`, 平昌县 and the city on SQLite files."""
    places = [
        ("bazhong", "巴中市", "city", f"sqlite:///{folder}/c.sqlite"),
        (COUNTY, "南江县", "county", county_url),
        (EMPTY_COUNTY, "平昌县", "county", f"sqlite:///{folder}/p.sqlite"),
    ]
    lines = [
        {"code": code, "name": name, "level": level, "database_url": url}
        | ({"parent": "bazhong"} if level == "county" else {})
        for code, name, level, url in places
    ]
    path = folder / "jurisdictions.yaml"
    path.write_text(yaml.safe_dump({"jurisdictions": lines}, allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def city_registry(
    module_store_url: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[Row]]:
    """The registry, 南江县's past year written on the store under test, and its ranking
    (one year for the module: the first export projects its views)."""
    county = Settings(module_store_url, jurisdiction=COUNTY)
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(county, clock=clock, ids=SeededIds(7))
    try:
        facts = history()
        facts[1]["data"]["rulebook"]["jurisdiction"] = COUNTY  # RulebookAdopted: 南江县's
        lines, _ = read_lines(as_text(facts).splitlines())
        assert import_history(app, county, lines, batch=200).stored
        ranking = [
            (str(u.rank), u.code, str(u.total)) for u in app.official_result(year=YEAR).units
        ]
    finally:
        app.close()
    return write_registry(tmp_path_factory.mktemp("city"), module_store_url), ranking


def by_code(command: str, out: Path, registry: Path, code: str = COUNTY) -> list[str]:
    return [command, str(YEAR), "-o", str(out), "--registry", str(registry), "--jurisdiction", code]


def test_a_countys_ranking_is_exported_by_its_code_over_the_environments_store(
    city_registry: tuple[Path, list[Row]], tmp_path: Path
) -> None:
    registry, official = city_registry
    out = tmp_path / "ranking.csv"
    elsewhere = {"DUKAO_DATABASE_URL": f"sqlite:///{registry.parent}/p.sqlite"}  # 平昌县's

    result = runner.invoke(cli, by_code("export-ranking", out, registry), env=elsewhere)

    assert result.exit_code == 0, result.output
    _, _, *rows = rows_of_csv(out)
    assert [(r[1], r[2], r[4]) for r in rows] == official


def test_a_countys_ledger_names_its_units_by_their_codes_in_that_county(
    city_registry: tuple[Path, list[Row]], tmp_path: Path
) -> None:
    registry, _ = city_registry
    out = tmp_path / "ledger.csv"

    result = runner.invoke(cli, [*by_code("export-ledger", out, registry), "--unit", "T01"])

    assert result.exit_code == 0, result.output
    _, _, *rows = rows_of_csv(out)
    assert rows
    assert {r[2] for r in rows} == {"T01"}  # the unit's id is 南江县's T01


def test_a_countys_supervision_ledger_is_exported_by_its_code(
    city_registry: tuple[Path, list[Row]], tmp_path: Path
) -> None:
    registry, _ = city_registry
    out = tmp_path / "supervision.xlsx"

    result = runner.invoke(cli, by_code("export-supervision-ledger", out, registry))

    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet.cell(1, 1).value == f"{YEAR}年度督办台账"


COMMANDS = ["export-ranking", "export-ledger", "export-supervision-ledger"]
REGISTRY = ["--registry", "{r}"]
REFUSALS = {  # the arguments after `-o OUT`, the code and the option the error names
    "unknown code": ([*REGISTRY, "--jurisdiction", "wanyuan"], "NOT_FOUND", "--jurisdiction"),
    "both stores": (
        ["-d", "sqlite:///{t}/d.sqlite", *REGISTRY, "--jurisdiction", COUNTY],
        "INVALID_INPUT",
        "--database-url",
    ),
    "no store": ([], "INVALID_INPUT", "--database-url"),
    "no code": (REGISTRY, "INVALID_INPUT", "--jurisdiction"),
    "no registry": (["--jurisdiction", COUNTY], "INVALID_INPUT", "--registry"),
    "a registry not YAML": (
        ["--registry", "{t}/bad.yaml", "--jurisdiction", COUNTY],
        "INVALID_INPUT",
        "jurisdictions",
    ),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_store_named_wrong_is_refused_naming_the_option_and_no_store_is_opened(
    command: str, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where the default store (data/dukao.sqlite) would go
    registry = write_registry(tmp_path, f"sqlite:///{tmp_path}/n.sqlite")
    (tmp_path / "bad.yaml").write_text("jurisdictions: [{code: a", "utf-8")
    args, code, option = REFUSALS[case]
    out = tmp_path / "out.csv"
    given = [a.format(r=registry, t=tmp_path) for a in args]

    result = runner.invoke(
        cli, [command, str(YEAR), "-o", str(out), *given], env={"DUKAO_DATABASE_URL": None}
    )

    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert f"error: {code}: " in said
    assert option in said
    assert not out.exists()
    assert not list(tmp_path.rglob("*.sqlite"))  # no store opened, the default's neither


@pytest.mark.parametrize("command", COMMANDS)
def test_a_county_whose_store_has_not_the_year_is_refused_and_no_file_is_written(
    command: str, tmp_path: Path
) -> None:
    registry = write_registry(tmp_path, f"sqlite:///{tmp_path}/n.sqlite")
    out = tmp_path / "out.csv"

    result = runner.invoke(cli, by_code(command, out, registry, EMPTY_COUNTY))

    assert result.exit_code == 1, result.output
    assert "error: NOT_FOUND: " in " ".join(result.output.split())
    assert not out.exists()


def test_a_registry_that_is_not_there_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "ranking.csv"
    missing = ["--registry", str(tmp_path / "none.yaml"), "--jurisdiction", COUNTY]

    result = runner.invoke(cli, ["export-ranking", str(YEAR), "-o", str(out), *missing])

    assert result.exit_code == 2
    assert "--registry" in result.output
    assert not out.exists()


# --- the maintenance commands take the same two options (issue 9: a province's operator
# rebuilds or verifies one county by its code)


def test_a_countys_log_is_verified_and_its_views_projected_by_its_code(
    city_registry: tuple[Path, list[Row]],
) -> None:
    registry, _ = city_registry
    chosen = ["--registry", str(registry), "--jurisdiction", COUNTY]

    verified = runner.invoke(cli, ["verify", *chosen])
    projected = runner.invoke(cli, ["project", *chosen])
    empty = runner.invoke(
        cli, ["verify", "--registry", str(registry), "--jurisdiction", EMPTY_COUNTY]
    )

    assert verified.exit_code == 0, verified.output
    events = int(verified.output.split("OK: ")[1].split(" events")[0].replace(",", ""))
    assert events > 100  # 南江县's imported year, not the empty store's
    assert projected.exit_code == 0, projected.output
    assert f"views at position {events:,}" in projected.output
    assert empty.exit_code == 0, empty.output
    assert "OK: 0 events" in empty.output


MAINTENANCE = {  # command → its other arguments, and the exit code of a refusal
    "verify": ([], 2),
    "digest": ([], 2),
    "export": ([str(YEAR), "-o", "{t}/year.zip", "--user", "inspector-1"], 2),
    "project": ([], 1),
    "rebuild": ([], 1),
    "send-reminders": ([], 1),
    "open-red-warning-cases": ([], 1),
    "replay": ([str(YEAR), "--rulebook", "{rulebook}"], 1),
    "import-history": (["{t}/history.jsonl"], 1),
    "print-tokens": ([str(UUID(int=1)), "--out", "{t}/codes", "--by", "office-1"], 1),
}


@pytest.mark.parametrize("command", list(MAINTENANCE))
@pytest.mark.parametrize("case", [case for case in REFUSALS if case != "no store"])
def test_a_maintenance_command_refuses_a_store_named_wrong_and_opens_none(
    command: str, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the exports do; without either option it keeps its old default store."""
    monkeypatch.chdir(tmp_path)
    registry = write_registry(tmp_path, f"sqlite:///{tmp_path}/n.sqlite")
    (tmp_path / "bad.yaml").write_text("jurisdictions: [{code: a", "utf-8")
    (tmp_path / "history.jsonl").write_text(as_text(history()), "utf-8")
    rulebook = Path(__file__).resolve().parents[2] / "rulebooks" / "revised-2025.yaml"
    args, exit_code = MAINTENANCE[command]
    store_args, code, option = REFUSALS[case]
    given = [a.format(r=registry, t=tmp_path, rulebook=rulebook) for a in (*args, *store_args)]

    result = runner.invoke(cli, [command, *given], env={"DUKAO_DATABASE_URL": None})

    assert result.exit_code == exit_code, result.output
    said = " ".join(result.output.split())
    assert f"error: {code}: " in said
    assert option in said
    assert not list(tmp_path.rglob("*.sqlite"))  # no store opened, the default's neither
