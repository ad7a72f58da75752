"""A writer beside the API latency benchmark's readers: an office granting bonuses of
0.1 points to units drawn in turn from the year's units, at a steady pace, as a busy
working day's decisions reach the views (each changes one unit's ledger and, often,
its category's ranking). The generated year is finalized, so each grant is an
amendment with its reason, which changes the views as any grant does. Runs as its own
process until terminated, then prints how many commands it ran.

    python -m benchmarks.api_writer DATABASE_URL --per-second N
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import psycopg

from benchmarks.api_server import beside
from domain.actors import Actor
from domain.vocabulary import Role
from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings

OFFICE = Actor(user_id="office-bench-writer", role=Role.ASSESSMENT_OFFICE)
YEAR = 2025


@contextmanager
def writing(url: str, per_second: float, log: Path) -> Iterator[None]:
    """The writer running against `url` while the block runs (none at 0 per second)."""
    if per_second <= 0:
        yield
        return
    with beside(["benchmarks.api_writer", url, "--per-second", str(per_second)], log):
        yield
    print(f"writer: {log.read_text('utf-8').strip()}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--per-second", type=float, required=True)
    options = parser.parse_args(argv)
    with psycopg.connect(options.url) as conn:
        found = conn.execute("SELECT DISTINCT unit_id FROM view_unit_results ORDER BY 1")
        units = [UUID(unit) for (unit,) in found.fetchall()]
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    app = build_application(Settings(options.url))
    written, started = 0, time.monotonic()
    try:
        while not stopping:
            unit = units[(written * 37) % len(units)]  # 37 is prime to the county's 150
            app.grant_bonus(
                year=YEAR, unit_id=unit, points=Decimal("0.1"), reason="创新工作",
                basis="县委督查室通报", amendment_reason="复核后补记加分", by=OFFICE,
            )  # fmt: skip
            written += 1
            time.sleep(max(0.0, started + written / options.per_second - time.monotonic()))
    finally:
        elapsed = time.monotonic() - started
        print(f"{written} bonuses granted in {elapsed:.1f} s ({written / elapsed:.2f}/s)")
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
