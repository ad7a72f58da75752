"""Chain verification benchmark: `dukao verify`'s rate on PostgreSQL beside the raw read
floor, in the same run (issue 8 point 8).

    python -m benchmarks.verify_chain [--events 1000000] [--rounds 3] [--batch 10000]
                                      [--keep DATABASE]

The log is generated through the real store function (one_trip.py) in batches, so every
row is chained exactly as a command chains it: synthetic events of the demo year's sizes
(a ~400-byte JSON state, the year's topics), then one signed digest. It lives in a
scratch database dropped at the end, or in --keep DATABASE, created once and reused.

Each round times, side by side: the floor (the same rows through the same server-side
cursor, nothing hashed) and verify_store (the chain, the Merkle tree, the digest and its
signature). Ratios are taken round by round, then the median.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import orjson
import psycopg
from eventsourcing.persistence import StoredEvent
from psycopg import sql

from application.app import AssessmentApplication
from benchmarks.environment import describe_machine
from benchmarks.scratch import postgres_database, server_version
from benchmarks.stats import Figure, Rate, render_table
from domain.actors import Actor
from domain.vocabulary import Role
from infrastructure.bootstrap import build_application
from infrastructure.clock import SeededIds
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer
from infrastructure.integrity.verify import verify_store
from infrastructure.settings import Settings

DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TOPICS = [
    "domain.reports.monthly_return:MonthlyReturn.ProgressReported",
    "domain.reports.monthly_return:MonthlyReturn.ProgressVerified",
    "domain.targets.target_list:TargetList.TargetApproved",
    "domain.targets.target_list:TargetList.TargetReviewed",
]
OFFICE = Actor(user_id="office-bench", role=Role.ASSESSMENT_OFFICE)


def main(argv: Sequence[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    options = _parser().parse_args(argv)
    with _database(options.pg, options.keep) as url:
        app = _application(url)
        try:
            _fill(app, options.events, options.batch)
            floor = Figure("postgres", "floor: rows read, nothing hashed", "rows/s")
            verify = Figure("postgres", "verify: chain + Merkle tree", "events/s", floor=floor)
            for round_ in range(1, options.rounds + 1):
                floor.add(_timed_floor(app))
                rate, report = _timed_verify(app)
                verify.add(rate)
                print(
                    f"round {round_}: floor {floor.rates[-1].seconds:.2f} s, verify "
                    f"{rate.seconds:.2f} s for {report.events:,} events "
                    f"({'intact' if report.intact else 'BROKEN'}, {report.digests} digest, "
                    f"{report.signed} signature)",
                    flush=True,
                )
        finally:
            app.close()
        print()
        print(describe_machine(server_version(url)))
        print()
        print(render_table([floor, verify]))
    return 0


def _application(url: str) -> AssessmentApplication:
    env = {KEY_VARIABLE: Ed25519Signer.generate().private_hex()}
    return build_application(Settings(url), ids=SeededIds(8), extra_env=env)


def _fill(app: AssessmentApplication, events: int, batch: int) -> None:
    have = app.recorder.max_notification_id() or 0
    if have >= events:
        print(f"reusing {have:,} events", flush=True)
        return
    started = time.perf_counter()
    for first in range(have, events - 1, batch):
        count = min(batch, events - 1 - first)
        app.recorder.insert_events([_event(first + i) for i in range(count)])
    app.publish_log_digest(by=OFFICE)
    seconds = time.perf_counter() - started
    print(
        f"generated {events - have:,} events through the store function in {seconds:.1f} s "
        f"({(events - have) / seconds:,.0f} events/s, batches of {batch:,})",
        flush=True,
    )


def _event(number: int) -> StoredEvent:
    state = orjson.dumps(
        {
            "timestamp": "2025-03-04T09:00:00+08:00",
            "meta": {"actor_id": f"filler-{number % 3200:04d}", "actor_role": "unit",
                     "acting_unit": str(uuid.UUID(int=number % 3200)), "reason": None,
                     "effective_period": "2025-03", "correlation_id": None},
            "target_id": str(uuid.UUID(int=number)),
            "month": "2025-03",
            "cumulative": f"{number % 997}.25",
            "narrative": "本月完成道路建设进度，按序时推进。" * 3,
            "evidence": [{"file_name": f"e{number}.pdf", "media_type": "application/pdf",
                          "sha256": f"{number:064x}", "size": 123456}],
        }
    )  # fmt: skip
    return StoredEvent(uuid.UUID(int=number + 1), 1, TOPICS[number % len(TOPICS)], state)


def _timed_floor(app: AssessmentApplication) -> Rate:
    started = time.perf_counter()
    rows = sum(1 for _ in app.chained_log().log_rows())
    return Rate(rows, time.perf_counter() - started)


def _timed_verify(app: AssessmentApplication) -> tuple[Rate, object]:
    started = time.perf_counter()
    report = verify_store(app)
    return Rate(report.events, time.perf_counter() - started), report


@contextmanager
def _database(admin: str, keep: str | None) -> Iterator[str]:
    if keep is None:
        with postgres_database(admin) as url:
            yield url
        return
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [keep]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(keep)))
    yield f"{admin.rsplit('/', 1)[0]}/{keep}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DATABASE", help="Create once and reuse this database.")
    parser.add_argument("--pg", default=DEFAULT_ADMIN, help="Administrative PostgreSQL URL.")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
