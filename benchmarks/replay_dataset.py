"""The replay benchmark's data: a generated year in its own PostgreSQL database, made
once and reused while its marker row says it is complete.

    python -m benchmarks.replay_dataset [--size tiny|county|city] [--copies N]

Generation runs the real commands; on this shared 2-core machine it managed about 50
commands a second, so a city year (~1M events) would take hours. `--copies N` therefore
builds the city from N copies of a generated year: every copy is the same units, lists,
reports and incidents under fresh ids (and unit codes suffixed "-k"), enrolled in the
one assessment year, in the original log order — a city of N identical counties (see
scale.py). A complete database gets its marker row last; one without it is dropped and
made again.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql

from benchmarks.replay_scale import read_rows, scaled_rows, write_rows
from domain.ids import year_id
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.settings import Settings

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SEED, YEAR = 2025, 2025
MARKER = sql.Identifier("replay_bench_marker")
DEMO = Path(__file__).resolve().parents[1] / "infrastructure" / "demo"


def database_name(size: str) -> str:
    return f"dukao_bench_{size}"


def database_url(size: str) -> str:
    return f"{ADMIN_URL.rsplit('/', 1)[0]}/{database_name(size)}"


def generator_version() -> str:
    """A digest of the generator's sources: a changed generator is reported, not hidden."""
    digest = hashlib.sha256()
    for path in sorted(DEMO.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def marker(size: str) -> tuple[str, int] | None:
    """(generator version, events) of a complete generation, or None."""
    try:
        conn = psycopg.connect(database_url(size), connect_timeout=5)
    except psycopg.OperationalError:
        return None
    with conn:
        found = conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = %s",
            ("replay_bench_marker",),
        ).fetchone()
        if found is None:
            return None
        row = conn.execute(sql.SQL("SELECT version, events FROM {}").format(MARKER)).fetchone()
    return (str(row[0]), int(row[1])) if row else None


def ensure_year(size: str, *, regenerate: bool = False) -> str:
    """The URL of a database holding a complete generated year of `size`."""
    return ensure_database(size, regenerate, lambda: _generate(size))


def ensure_copies(base: str, copies: int, *, regenerate: bool = False) -> str:
    """The URL of a database holding `copies` copies of the generated `base` year."""
    source = ensure_year(base)
    name = f"{base}_x{copies}"

    def build() -> int:
        _app = build_application(Settings(database_url(name)))  # creates the tables
        _app.close()
        rows = read_rows(source)
        the_year = year_id(Settings().jurisdiction, YEAR)
        return write_rows(database_url(name), scaled_rows(rows, the_year, copies))

    return ensure_database(name, regenerate, build)


def ensure_database(size: str, regenerate: bool, make: Callable[[], int]) -> str:
    """The URL of dukao_bench_<size>, made by `make` (which returns its events) unless a
    complete one is marked already."""
    found = None if regenerate else marker(size)
    if found is not None:
        version, events = found
        note = "" if version == generator_version() else " (the generator changed since)"
        print(f"reusing {database_name(size)}: {events:,} events, generator {version}{note}")
        return database_url(size)
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        name = sql.Identifier(database_name(size))
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    events = make()
    with psycopg.connect(database_url(size)) as conn:
        conn.execute(sql.SQL("CREATE TABLE {} (version text, events bigint)").format(MARKER))
        conn.execute(
            sql.SQL("INSERT INTO {} VALUES (%s, %s)").format(MARKER),
            (generator_version(), events),
        )
    print(f"made {database_name(size)}: {events:,} events", flush=True)
    return database_url(size)


def _generate(size: str) -> int:
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(Settings(database_url(size)), clock=clock, ids=SeededIds(SEED))
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-9)
        print(f"{time.strftime('%H:%M:%S')} {done:,}/{total:,} ({rate:,.0f}/s)", flush=True)

    try:
        # A thousand commands' events a transaction: the same log (tests/integration/
        # test_batched_saves.py), a city in minutes instead of an hour.
        report = generate_year(
            app, clock, size=size, seed=SEED, year=YEAR, on_progress=progress, batch=1000
        )
    finally:
        app.close()
    print(report.table(), flush=True)
    return report.events


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="city", choices=("tiny", "county", "city"))
    parser.add_argument("--copies", type=int, default=0, help="copies of the year to join")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)
    if args.copies:
        print(ensure_copies(args.size, args.copies, regenerate=args.regenerate))
    else:
        print(ensure_year(args.size, regenerate=args.regenerate))


if __name__ == "__main__":
    main(sys.argv[1:])
