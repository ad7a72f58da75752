"""A city reads the ranking of its counties through the API (issue 9 points 1 and 2):
`memberRanking` in the city's jurisdiction, from the counties' views on two PostgreSQL
databases, equal to what each county published; and the downloads of a routed county
stay in that county."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

import psycopg
import pytest
from psycopg import sql

from application.app import AssessmentApplication
from application.federation import Member, member_ranking
from domain.actors import Actor
from domain.periods import OFFICE_TZ
from domain.vocabulary import Role
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.api.jurisdiction_servers import (
    CITY,
    COUNTY_A,
    COUNTY_B,
    Server,
    city_server,
    graphql_path,
    registry_of,
)
from tests.builders import OFFICE, filler
from tests.integration.test_jurisdictions import two_databases

__all__ = ["two_databases"]
SEEDS = {CITY: 2, COUNTY_A: 3, COUNTY_B: 4}
RANKING = """query Cities($period: String) {
  memberRanking(year: 2025, period: $period) {
    jurisdiction year period
    members { code name rank units meanScore excellent general }
  }
}"""


@pytest.fixture(scope="module")
def city(two_databases: tuple[str, str]) -> Iterator[Server]:
    registry = registry_of(*two_databases)
    for jurisdiction in registry.jurisdictions:
        url, schema = jurisdiction.database_url.split("?schema=")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    clocks: dict[str, ManualClock] = {}

    def build(settings: Settings) -> AssessmentApplication:
        clock = clocks[settings.jurisdiction] = ManualClock(datetime(2025, 1, 1, tzinfo=OFFICE_TZ))
        ids = SeededIds(SEEDS[settings.jurisdiction])
        return build_application(settings, clock=clock, ids=ids)

    with city_server(registry, build) as server:
        for code in (COUNTY_A, COUNTY_B):
            generate_year(server.apps[code], clocks[code], size="tiny", seed=SEEDS[code], batch=500)
            runner = projection_runner(server.apps[code], registry.get(code).settings)
            runner.start()
            runner.catch_up()
            runner.log.close()  # type: ignore[attr-defined]
        yield server


def codes(body: dict[str, object]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]  # type: ignore[attr-defined]


@pytest.mark.parametrize("period", [None, "2025-H1", "2025-Q3"])
def test_the_city_ranks_its_counties_as_they_published(city: Server, period: str | None) -> None:
    members = [Member(code, code, city.apps[code]) for code in (COUNTY_A, COUNTY_B)]
    expected = member_ranking(members, year=2025, period=period or "2025")

    body = city.post(graphql_path(CITY), RANKING, {"period": period}, as_=OFFICE, names=[CITY])
    served = city.post("/graphql", RANKING, {"period": period}, as_=OFFICE)  # the city's own

    assert "errors" not in body, body
    answer = body["data"]["memberRanking"]
    assert served["data"] == body["data"]
    assert (answer["jurisdiction"], answer["period"]) == (CITY, period or "2025")
    assert [
        (m["code"], m["rank"], m["units"], Decimal(m["meanScore"])) for m in answer["members"]
    ] == [(s.code, s.rank, s.units, s.mean_score) for s in expected]
    assert [m["name"] for m in answer["members"]] == [
        {COUNTY_A: "南江县", COUNTY_B: "平昌县"}[s.code] for s in expected
    ]
    assert len(expected) == 2


def test_the_city_ranking_equals_each_countys_official_result(city: Server) -> None:
    body = city.post(graphql_path(CITY), RANKING, as_=OFFICE, names=[CITY])

    for member in body["data"]["memberRanking"]["members"]:
        official = city.apps[member["code"]].official_result(year=2025)
        mean = sum((u.total for u in official.units), Decimal(0)) / len(official.units)
        assert member["units"] == len(official.units)
        assert Decimal(member["meanScore"]) == mean.quantize(Decimal("0.01"))
        assert member["excellent"] == sum(1 for u in official.units if u.grade == "excellent")


def test_only_the_citys_readers_read_it(city: Server) -> None:
    city_unit = filler(city.apps[COUNTY_A].official_result(year=2025).units[0].unit_id)
    county_office = city.post(graphql_path(CITY), RANKING, as_=OFFICE, names=[COUNTY_A])
    unit_user = city.post(graphql_path(CITY), RANKING, as_=city_unit, names=[CITY])
    public = city.post(graphql_path(CITY), RANKING)
    in_a_county = city.post(graphql_path(COUNTY_A), RANKING, as_=OFFICE, names=[COUNTY_A])

    assert codes(county_office) == ["OUTSIDE_JURISDICTION"]
    assert codes(unit_user) == codes(public) == ["FORBIDDEN"]
    assert in_a_county["data"]["memberRanking"]["members"] == []  # a county has no members


def test_a_routed_countys_downloads_stay_in_it(city: Server) -> None:
    path = "/j/{code}/exports/{name}.{form}?year=2025"
    headers = {"Authorization": f"Bearer {city.token(OFFICE, [COUNTY_A])}"}
    inspector = Actor(user_id="inspector-zhou", role=Role.INSPECTOR)
    spy = {"Authorization": f"Bearer {city.token(inspector, [COUNTY_A])}"}
    before = city.events(COUNTY_B)

    own = city.client.get(path.format(code=COUNTY_A, name="ranking", form="csv"), headers=headers)
    refused = [
        city.client.get(path.format(code=COUNTY_B, name=name, form=form), headers=who)
        for name in ("ranking", "ledger", "supervision-ledger")
        for form in ("csv", "xlsx")
        for who in (headers, spy)
    ]

    assert own.status_code == 200
    codes_in_a = {u.code for u in city.apps[COUNTY_A].official_result(year=2025).units}
    listed = {line.split(",")[2] for line in own.content.decode("utf-8-sig").splitlines()[2:]}
    assert listed == codes_in_a
    assert {(r.status_code, r.json()["error"]["code"]) for r in refused} == {
        (403, "OUTSIDE_JURISDICTION")
    }
    assert len(refused) == 12
    assert city.events(COUNTY_B) == before  # not even the inspector's read is recorded there
