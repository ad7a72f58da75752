"""On PostgreSQL, the statement that closes a row's current version (projections/
versioned.py) finds the row by its key under a generic plan — the plan a prepared
statement settles on after a few runs. An index led by the year and another column of
the key once won that plan: every close scanned a whole month of the year's warnings
(0.5 ms a row in a county, and growing with the jurisdiction's size).

The tables are filled with rows shaped like a year's (few years, months and categories;
many targets, units, lines and cases), analysed or not (a rebuilt table has no
statistics until autovacuum gathers them)."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections import (
    campaigns,
    ledger,
    rankings,
    reward_ledger,
    special_results,
    supervision_ledger,
    warning_board,
    year_end_view,
)
from projections.versioned import VersionedTable

TABLES = [
    rankings.TABLE, ledger.LINES, ledger.UNITS, warning_board.TABLE, reward_ledger.TABLE,
    supervision_ledger.TABLE, special_results.TABLE, campaigns.TABLE, year_end_view.OBJECTIONS,
]  # fmt: skip
ONE_ROW_A_YEAR = [year_end_view.STATE]  # keyed by the year alone: any plan reads a row or two
FEW = {"year_id": 2, "month": 12, "period": 19, "category": 3, "level": 4, "kind": 6}
ROWS = 4000


@pytest.fixture
def schema_url(pg_database: str) -> Iterator[str]:
    schema = f"p_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    url = f"{pg_database}?schema={schema}"
    application = build_application(Settings(url))
    runner = projection_runner(application, Settings(url))
    runner.start()  # creates every view's tables and indexes
    runner.log.close()  # type: ignore[attr-defined]
    application.close()
    yield url
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def _value(column: str, kind: str, pick: random.Random) -> object:
    if column == "level":
        return pick.choice(["none"] * 7 + ["bell", "yellow", "red"])
    drawn = pick.randrange(FEW.get(column, 400))
    return drawn if kind == "BIGINT" else f"{column}-{drawn}"


def _fill(
    conn: psycopg.Connection[tuple[object, ...]], table: VersionedTable, analyse: bool
) -> None:
    pick = random.Random(table.name)
    rows: dict[tuple[object, ...], tuple[object, ...]] = {}
    keys = math.prod(FEW.get(column, 400) for column in table.key_names)
    while len(rows) < min(ROWS, keys // 2):
        key = tuple(_value(c, k, pick) for c, k in table.keys)
        rows[key] = tuple(_value(c, k, pick) for c, k in table.values)
    names = [*table.key_names, *table.value_names, "valid_from", "valid_to"]
    with conn.cursor().copy(
        sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
        )
    ) as copy:
        for n, (key, values) in enumerate(rows.items()):
            copy.write_row((*key, *values, n, None))  # current
            copy.write_row((*key, *values, 0, n))  # an earlier version
    if analyse:
        conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table.name)))


def _generic_plan(conn: psycopg.Connection[tuple[object, ...]], table: VersionedTable) -> str:
    where = " AND ".join(f"{c} = ${n}" for n, c in enumerate(table.key_names, 2))
    kinds = ", ".join(["bigint", *(kind.lower() for _, kind in table.keys)])
    conn.execute("SET plan_cache_mode = force_generic_plan")
    conn.execute(
        f"PREPARE close_version ({kinds}) AS UPDATE {table.name} SET valid_to = $1 "
        f"WHERE {where} AND valid_to IS NULL"
    )
    dummies = ", ".join(["1", *("'x'" if kind == "TEXT" else "1" for _, kind in table.keys)])
    plan = "\n".join(
        str(row[0]) for row in conn.execute(f"EXPLAIN EXECUTE close_version({dummies})")
    )
    conn.execute("DEALLOCATE close_version")
    return plan


def test_every_versioned_view_table_is_checked(schema_url: str) -> None:
    with psycopg.connect(schema_url.split("?", maxsplit=1)[0]) as conn:
        found = conn.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = %s AND column_name = 'valid_to'",
            (schema_url.split("schema=")[1],),
        ).fetchall()
    assert {name for (name,) in found} == {table.name for table in TABLES + ONE_ROW_A_YEAR}
    assert all(table.key_names == ["year_id"] for table in ONE_ROW_A_YEAR)


@pytest.mark.parametrize("analysed", [False, True], ids=["unanalysed", "analysed"])
@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_closing_a_version_finds_it_by_its_key(
    schema_url: str, table: VersionedTable, analysed: bool
) -> None:
    """Unanalysed: a table being rebuilt, whose statistics autovacuum has not gathered."""
    schema = schema_url.split("schema=")[1]
    with psycopg.connect(schema_url.split("?", maxsplit=1)[0], autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        _fill(conn, table, analysed)
        plan = _generic_plan(conn, table)
    [condition] = [line for line in plan.splitlines() if "Index Cond" in line]
    # Only the year may be left to the filter: the rest of the key narrows the scan.
    missing = [c for c in table.key_names if c != "year_id" and f"{c} = " not in condition]
    assert not missing, f"{table.name}: the close scans by {condition.strip()}\n{plan}"
