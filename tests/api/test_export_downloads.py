"""Exports through the API (issue 9 point 4): the ranking, the score ledger and the
supervision ledger as HTTP downloads, Excel and CSV, the same tables `dukao export-*`
writes, behind the bearer token and the read scopes of the GraphQL queries; both stores.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from api.app import create_app
from api.auth import mint
from api.settings import ApiSettings
from domain.actors import Actor
from domain.integrity.inspections import InspectorRead
from domain.vocabulary import Role
from infrastructure.cli import cli
from infrastructure.exports.downloads import OfficeExports
from infrastructure.imports.tables import read_table
from tests.api.views_year import ViewsYear, views_year
from tests.builders import INSPECTOR, OFFICE, filler

SETTINGS = ApiSettings()
RANKING_HEADER = ["类别", "排名", "单位代码", "单位", "得分", "等次", "名次变化"]
LEDGER_HEADER = ["类别", "排名", "单位代码", "单位", "项目", "分值", "依据条款", "说明", "依据事件"]
SUPERVISION_HEADER = [
    "单位代码", "单位", "督办级别", "督办事项", "来源", "状态", "办理阶段", "办结时限",
    "逾期天数", "未报进展次数", "督办单数", "立项时间", "办结时间", "事项编号",
]  # fmt: skip
cli_runner = CliRunner()


@pytest.fixture(scope="module")
def year(module_store_url: str) -> Iterator[tuple[ViewsYear, TestClient, str]]:
    with views_year(module_store_url) as generated:
        web = create_app(
            generated.api.app, settings=SETTINGS, table_reader=read_table, exports=OfficeExports()
        )
        with TestClient(web) as client:
            yield generated, client, module_store_url


def get(client: TestClient, path: str, actor: Actor | None) -> Any:
    keys = SETTINGS.keys
    headers = {}
    if actor is not None:
        token = mint(
            keys, signing_key=keys.key, user_id=actor.user_id, role=actor.role,
            unit_id=actor.unit_id,
        )  # fmt: skip
        headers["Authorization"] = f"Bearer {token}"
    return client.get(path, headers=headers)


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"))))


def xlsx_rows(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def cli_writes(command: str, url: str, out: Path, *extra: str) -> bytes:
    result = cli_runner.invoke(cli, [command, "2025", "-o", str(out), "-d", url, *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize(
    ("name", "command", "header"),
    [
        ("ranking", "export-ranking", RANKING_HEADER),
        ("ledger", "export-ledger", LEDGER_HEADER),
        ("supervision-ledger", "export-supervision-ledger", SUPERVISION_HEADER),
    ],
)
def test_a_download_is_the_table_the_cli_writes(
    year: tuple[ViewsYear, TestClient, str], tmp_path: Path, name: str, command: str,
    header: list[str],
) -> None:  # fmt: skip
    _, client, url = year

    as_csv = get(client, f"/exports/{name}.csv?year=2025", OFFICE)
    as_xlsx = get(client, f"/exports/{name}.xlsx?year=2025", OFFICE)

    assert as_csv.status_code == as_xlsx.status_code == 200
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert as_csv.headers["content-disposition"] == f'attachment; filename="{name}-2025.csv"'
    title, columns, *rows = csv_rows(as_csv.content)
    assert columns == header
    assert len(rows) > 5
    assert as_csv.content == cli_writes(command, url, tmp_path / "out.csv")
    from_cli = xlsx_rows(cli_writes(command, url, tmp_path / "out.xlsx"))
    assert xlsx_rows(as_xlsx.content) == from_cli
    assert from_cli[1] == header
    assert [str(v) for v in from_cli[0] if v] == title


def test_the_ranking_has_each_category_by_rank_with_grades(
    year: tuple[ViewsYear, TestClient, str],
) -> None:
    generated, client, _ = year

    _, _, *rows = csv_rows(get(client, "/exports/ranking.csv?year=2025", OFFICE).content)

    official = {u.code: u for u in generated.official.units}
    assert sorted(r[2] for r in rows) == sorted(official)
    for row in rows:
        assert int(row[1]) == official[row[2]].rank
        assert row[4] == str(official[row[2]].total)
        assert row[5] in {"优秀", "良好", "一般"}


def test_a_unit_user_downloads_its_own_rows_only(year: tuple[ViewsYear, TestClient, str]) -> None:
    generated, client, _ = year
    cases = generated.api.app.supervision_ledger(year=2025)
    own = next(case.unit_id for case in cases)  # a unit that leads a case
    other = next(u.unit_id for u in generated.official.units if str(u.unit_id) != own)
    code = next(u.code for u in generated.official.units if str(u.unit_id) == own)
    user = filler(UUID(own))

    ranking = csv_rows(get(client, "/exports/ranking.csv?year=2025", user).content)[2:]
    ledger = csv_rows(get(client, "/exports/ledger.csv?year=2025", user).content)[2:]
    named = get(client, f"/exports/ledger.csv?year=2025&unitId={own}", user)
    supervision = csv_rows(get(client, "/exports/supervision-ledger.csv?year=2025", user).content)
    others = [
        get(client, f"/exports/{name}.xlsx?year=2025&unitId={other}", user)
        for name in ("ledger", "supervision-ledger")
    ]

    assert [row[2] for row in ranking] == [code]
    assert {row[2] for row in ledger} == {code}
    assert len(ledger) > 1
    assert named.status_code == 200
    assert {row[0] for row in supervision[2:]} == {code}
    assert len(supervision[2:]) == sum(1 for case in cases if case.unit_id == own)
    assert [(r.status_code, r.json()["error"]["code"]) for r in others] == [(403, "FORBIDDEN")] * 2


def test_downloads_are_refused_without_a_reader_and_never_fail(
    year: tuple[ViewsYear, TestClient, str],
) -> None:
    generated, client, _ = year
    public = Actor(user_id="citizen-1", role=Role.PUBLIC)
    before = generated.api.events()

    anonymous = get(client, "/exports/ranking.xlsx?year=2025", None)
    forged = client.get(
        "/exports/ledger.csv?year=2025", headers={"Authorization": "Bearer not-a-token"}
    )
    by_public = get(client, "/exports/supervision-ledger.csv?year=2025", public)

    assert (anonymous.status_code, anonymous.json()["error"]["code"]) == (401, "UNAUTHENTICATED")
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert (forged.status_code, forged.json()["error"]["code"]) == (401, "UNAUTHENTICATED")
    assert (by_public.status_code, by_public.json()["error"]["code"]) == (403, "FORBIDDEN")
    bad = {
        "/exports/ranking.pdf?year=2025": (404, "NOT_FOUND", "format"),
        "/exports/ranking.csv": (400, "INVALID_INPUT", "year"),
        "/exports/ranking.csv?year=twenty": (400, "INVALID_INPUT", "year"),
        "/exports/ranking.csv?year=1900": (400, "INVALID_INPUT", "year"),
        "/exports/ranking.csv?year=2025&period=2024-H1": (400, "INVALID_INPUT", "period"),
        "/exports/ranking.csv?year=2025&period=H1": (400, "INVALID_INPUT", "period"),
        "/exports/ranking.csv?year=2031": (404, "NOT_FOUND", "year"),
        "/exports/ledger.csv?year=2031": (404, "NOT_FOUND", "year"),
        "/exports/supervision-ledger.csv?year=2031": (404, "NOT_FOUND", "year"),
        "/exports/ledger.csv?year=2025&unitId=nope": (400, "INVALID_INPUT", "unitId"),
        "/exports/supervision-ledger.csv?year=2025&level=urgent": (400, "INVALID_INPUT", "level"),
        "/exports/supervision-ledger.csv?year=2025&status=lost": (400, "INVALID_INPUT", "status"),
    }
    for path, (status, code, field) in bad.items():
        answer = get(client, path, OFFICE)
        assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), path
        assert answer.json()["error"]["field"] == field, path
    assert generated.api.events() == before  # refusals store nothing


def test_an_inspectors_download_is_recorded_as_an_inspector_read(
    year: tuple[ViewsYear, TestClient, str],
) -> None:
    generated, client, _ = year
    before = generated.api.events()

    answer = get(client, "/exports/ledger.xlsx?year=2025", INSPECTOR)

    assert answer.status_code == 200
    assert generated.api.events() == before + 1
    [last] = generated.api.app.recorder.select_notifications(start=before + 1, limit=1)
    assert last.topic.endswith(f"{InspectorRead.__name__}.Recorded")


def test_the_cli_writes_one_lead_units_supervision_ledger_as_the_api_serves_it(
    year: tuple[ViewsYear, TestClient, str], tmp_path: Path
) -> None:
    generated, client, url = year
    cases = generated.api.app.supervision_ledger(year=2025)
    lead = cases[0].unit_id
    code = next(u.code for u in generated.official.units if str(u.unit_id) == lead)

    written = cli_writes("export-supervision-ledger", url, tmp_path / "mine.csv", "--unit", code)
    served = get(client, f"/exports/supervision-ledger.csv?year=2025&unitId={lead}", OFFICE)

    assert served.content == written
    rows = csv_rows(written)[2:]
    assert {row[0] for row in rows} == {code}
    assert len(rows) == sum(1 for case in cases if case.unit_id == lead)
    assert {row[13] for row in rows} == {case.case_id for case in cases if case.unit_id == lead}
