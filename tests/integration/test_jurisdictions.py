"""Many jurisdictions (issue 9 points 1 and 2): each county's log in its own store, here on
two separate PostgreSQL databases; nothing of one is seen in the other; the city ranks its
counties by reading their views."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from application.federation import Member, member_ranking
from domain import errors
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.jurisdictions import JurisdictionApplications, Registry
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.conftest import PG_ADMIN

YEAR = 2025


@pytest.fixture(scope="module")
def two_databases() -> Iterator[tuple[str, str]]:
    names = [f"dukao_j_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = PG_ADMIN.rsplit("/", 1)[0]
    yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="module")
def registry(two_databases: tuple[str, str]) -> Registry:
    first, second = two_databases
    return Registry.model_validate(
        {"jurisdictions": [
            {"code": "bazhong", "name": "巴中市", "level": "city",
             "database_url": f"{first}?schema=bazhong"},
            {"code": "nanjiang", "name": "南江县", "level": "county", "parent": "bazhong",
             "database_url": f"{first}?schema=nanjiang"},
            {"code": "pingchang", "name": "平昌县", "level": "county", "parent": "bazhong",
             "database_url": f"{second}?schema=pingchang"},
        ]}
    )  # fmt: skip


@pytest.fixture(scope="module")
def counties(registry: Registry) -> Iterator[JurisdictionApplications]:
    for county in registry.children("bazhong"):
        url, schema = county.database_url.split("?schema=")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
        seed = 3 if county.code == "nanjiang" else 4
        app = build_application(county.settings, clock=clock, ids=SeededIds(seed))
        generate_year(app, clock, size="tiny", seed=seed, batch=500)
        runner = projection_runner(app, county.settings)
        runner.start()
        runner.catch_up()
        app.close()
    applications = JurisdictionApplications(registry)
    yield applications
    applications.close()


def test_each_county_holds_only_its_own_log(
    registry: Registry, counties: JurisdictionApplications
) -> None:
    nanjiang, pingchang = counties("nanjiang"), counties("pingchang")

    for app, code in ((nanjiang, "nanjiang"), (pingchang, "pingchang")):
        assert app.jurisdiction == code
        assert app.year(YEAR).jurisdiction == code
        official = app.official_result(year=YEAR)
        assert {unit.code for unit in official.units}
    databases = {
        app.recorder.datastore.pool.kwargs["dbname"]  # type: ignore[attr-defined]
        for app in (nanjiang, pingchang)
    }
    assert len(databases) == 2  # two PostgreSQL databases, one log each
    elsewhere = build_application(
        Settings(registry.get("pingchang").database_url, jurisdiction="nanjiang")
    )
    try:
        with pytest.raises(errors.NotFound):  # 南江's year is not in 平昌's store
            elsewhere.year(YEAR)
    finally:
        elsewhere.close()


def test_the_city_ranks_its_counties_from_their_views(
    registry: Registry, counties: JurisdictionApplications
) -> None:
    members = [Member(c.code, c.name, counties(c.code)) for c in registry.children("bazhong")]

    ranking = member_ranking(members, year=YEAR, period=str(YEAR))

    assert [standing.rank for standing in ranking] == [1, 2]
    for standing in ranking:
        official = counties(standing.code).official_result(year=YEAR)
        mean = sum((u.total for u in official.units), Decimal(0)) / len(official.units)
        assert standing.units == len(official.units)
        assert standing.mean_score == mean.quantize(Decimal("0.01"))
    assert ranking[0].mean_score >= ranking[1].mean_score


def test_a_registry_refuses_shared_stores_and_unknown_parents(tmp_path: Path) -> None:
    shared = tmp_path / "registry.yaml"
    shared.write_text(
        "jurisdictions:\n"
        "  - {code: a, name: 甲县, level: county, database_url: 'sqlite:///x.sqlite'}\n"
        "  - {code: b, name: 乙县, level: county, database_url: 'sqlite:///x.sqlite'}\n",
        "utf-8",
    )
    orphan = tmp_path / "orphan.yaml"
    orphan.write_text(
        "jurisdictions:\n"
        "  - {code: a, name: 甲县, level: county, parent: nowhere, database_url: 'sqlite:///a'}\n",
        "utf-8",
    )

    with pytest.raises(errors.InvalidInput, match="its own store"):
        Registry.from_file(shared)
    with pytest.raises(errors.InvalidInput, match="parent 'nowhere'"):
        Registry.from_file(orphan)
