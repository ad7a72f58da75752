"""Exports people use (issue 9 point 4): the ranking and the score ledger as the offices
publish them, CSV and Excel, from the command line."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from application.app import AssessmentApplication
from infrastructure.cli import cli
from infrastructure.imports.history import import_history, read_lines
from infrastructure.settings import Settings
from tests.history_lines import YEAR, as_text, history

runner = CliRunner()


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
