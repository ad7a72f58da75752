"""`dukao serve` for a city with a registry (issue 9 points 1, 2 and 4): the city served
on its own store, its two counties routed by `/j/<code>/…` to two PostgreSQL databases,
each county's views kept by the server's own projection thread; a county's token acts in
its county only; the city reads its counties' ranking; a county's table downloads."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import psycopg
import pytest
import yaml
from openpyxl import load_workbook
from psycopg import sql

from api.auth import mint
from api.settings import ApiSettings
from domain.actors import Actor
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.jurisdictions import Registry
from tests.api.jurisdiction_servers import CITY, COUNTY_A, COUNTY_B, registry_of
from tests.builders import OFFICE
from tests.e2e.server import Server, start
from tests.integration.test_jurisdictions import two_databases

__all__ = ["two_databases"]
PROJECTED_WITHIN_SECONDS = 90.0
RANKING = "{ memberRanking(year: 2025) { members { code rank units meanScore } } }"


@pytest.fixture(scope="module")
def served(
    two_databases: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Registry]]:
    registry = registry_of(*two_databases)
    for jurisdiction in registry.jurisdictions:
        url, schema = jurisdiction.database_url.split("?schema=")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    for seed, code in enumerate((COUNTY_A, COUNTY_B), 3):  # written, not projected
        clock = ManualClock(datetime(2025, 1, 1, tzinfo=OFFICE_TZ))
        app = build_application(registry.get(code).settings, clock=clock, ids=SeededIds(seed))
        generate_year(app, clock, size="tiny", seed=seed, batch=500)
        app.close()
    folder = tmp_path_factory.mktemp("city-server")
    path = folder / "jurisdictions.yaml"
    path.write_text(yaml.safe_dump(registry.model_dump(), allow_unicode=True), "utf-8")
    env = {"DUKAO_JURISDICTION": CITY, "DUKAO_JURISDICTIONS": str(path)}
    server = start(["serve", "--database-url", registry.get(CITY).database_url],
                   folder / "server.log", env)  # fmt: skip
    yield server, registry
    server.stop()


@pytest.fixture
def city(served: tuple[Server, Registry]) -> Server:
    return served[0]


def token(actor: Actor, jurisdictions: list[str]) -> str:
    keys = ApiSettings().keys
    return mint(
        keys, signing_key=keys.key, user_id=actor.user_id, role=actor.role,
        jurisdictions=jurisdictions,
    )  # fmt: skip


def post(server: Server, code: str, query: str, names: list[str]) -> dict[str, Any]:
    url = server.url.replace("/graphql", f"/j/{code}/graphql")
    headers = {"Authorization": f"Bearer {token(OFFICE, names)}"}
    response = httpx.post(url, json={"query": query}, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def published(registry: Registry) -> list[tuple[str, int, str]]:
    """Each county's units and their mean score as its log gives them (read here, in the
    test, from the county's store: what the server's views must come to)."""
    found = []
    for code in (COUNTY_A, COUNTY_B):
        app = build_application(registry.get(code).settings)
        try:
            units = app.official_result(year=2025).units
        finally:
            app.close()
        mean = sum((u.total for u in units), Decimal(0)) / len(units)
        found.append((code, len(units), str(mean.quantize(Decimal("0.01")))))
    return sorted(found, key=lambda member: (-Decimal(member[2]), member[0]))


def test_the_city_reads_its_counties_once_the_server_has_projected_them(
    served: tuple[Server, Registry],
) -> None:
    city, registry = served
    expected = published(registry)
    started = time.monotonic()
    members: list[tuple[str, int, str]] = []
    while time.monotonic() - started < PROJECTED_WITHIN_SECONDS and members != expected:
        body = post(city, CITY, RANKING, [CITY])
        assert "errors" not in body, city.log()[-3000:]
        answer = body["data"]["memberRanking"]["members"]
        members = [(m["code"], m["units"], m["meanScore"]) for m in answer]
        time.sleep(0.2)
    projected = time.monotonic() - started
    asked = time.perf_counter()
    again = post(city, CITY, RANKING, [CITY])
    answered_ms = (time.perf_counter() - asked) * 1000

    assert members == expected, city.log()[-2000:]
    assert [m["rank"] for m in again["data"]["memberRanking"]["members"]] == [1, 2]
    print(
        f"\nboth counties' views complete {projected:.1f} s after the first request; "
        f"memberRanking then answered in {answered_ms:.1f} ms"
    )


def test_a_countys_token_acts_in_its_county_only(city: Server) -> None:
    query = "{ assessmentYear(year: 2025) { jurisdiction } }"

    own = post(city, COUNTY_A, query, [COUNTY_A])
    other = post(city, COUNTY_B, query, [COUNTY_A])
    city_asked = post(city, CITY, RANKING, [COUNTY_A])

    assert own["data"]["assessmentYear"]["jurisdiction"] == COUNTY_A
    assert [e["extensions"]["code"] for e in other["errors"]] == ["OUTSIDE_JURISDICTION"]
    assert [e["extensions"]["code"] for e in city_asked["errors"]] == ["OUTSIDE_JURISDICTION"]


def test_a_countys_ranking_downloads_from_its_path(city: Server) -> None:
    base = city.url.removesuffix("/graphql")
    headers = {"Authorization": f"Bearer {token(OFFICE, [COUNTY_B])}"}

    own = httpx.get(f"{base}/j/{COUNTY_B}/exports/ranking.xlsx?year=2025", headers=headers)
    other = httpx.get(f"{base}/j/{COUNTY_A}/exports/ranking.xlsx?year=2025", headers=headers)

    assert own.status_code == 200, own.text
    sheet = load_workbook(io.BytesIO(own.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows
    assert all(row[5] in {"优秀", "良好", "一般"} for row in rows)
    assert other.status_code == 403
