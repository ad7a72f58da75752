"""The scale run (issue 9 point 5): generated years written, projected and replayed on
PostgreSQL, stage by stage, beside the raw psycopg floors measured in the same run.

    python -m benchmarks.scale [--size county|city|province] [--jurisdictions N]
                               [--parallel | --at-once K] [--drop-done]
                               [--json out.json | --resume run.json]

`--size` is a demo size (county ≈ 190k events, city ≈ 1.05M) or `province`: twenty
cities, ≈ 21M events (infrastructure/demo/sizes.py). `--jurisdictions N` runs N
jurisdictions of that size — of a province, its first N cities: a *sample*, from which
the whole province is extrapolated and printed as such. Every jurisdiction is its own
log: a registry (infrastructure/jurisdictions.py) maps each one to its own schema of the
scratch database, and every stage builds its application through that registry. Each
jurisdiction's year comes from its own seed (2025 + n - 1). `--parallel` runs each stage
of all the jurisdictions at once (one process each), to see whether two logs written
together reach more events/s than one (`--stages write` times the writes alone, for
back-to-back comparisons); `--at-once K` runs K jurisdictions at a time, group after
group, every stage of a group before the next group (a province's twenty cities at
once would need twenty 1 GB processes); `--drop-done` drops each group's schemas once
its storage is measured; `--resume FILE` (with `--drop-done`) keeps every group in FILE
as it is measured and, run again, measures only the groups FILE lacks, so a province
longer than one sitting is finished in the next (benchmarks/scale_groups.py).
Stages, each in a fresh child process (its own peak memory):

  write    the demo generator's commands, their events written 1,000 commands a
           transaction (application/batching.py): every rule checked, every event chained
  project  `dukao rebuild`: every view projected from the whole log
  replay   the closed year under the revised rulebook, with the diff (`dukao replay`)

Floors, in the same database and run, right after each stage: COPY of as many rows
shaped like stored events (at most 200k after project and replay), and batched INSERTs
of 1,000 rows per transaction. Rates are events (rows) per second.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import psycopg
import yaml
from psycopg import sql

from benchmarks.environment import describe_machine
from benchmarks.floors import PostgresFloor
from benchmarks.scale_groups import (
    GroupRecord,
    ResumeMismatchError,
    load_groups,
    save_groups,
    sitting,
    sitting_lines,
    summed_walls,
)
from benchmarks.scale_report import (
    HEADER,
    STAGES,
    StageRun,
    extrapolate,
    extrapolation_lines,
    row,
    storage_line,
    total_row,
    totals,
)
from benchmarks.scratch import postgres_database, server_version
from infrastructure.demo.sizes import PROVINCES, Member, member_size, members_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REVISED = ROOT / "rulebooks" / "revised-2025.yaml"
YEAR, SEED = 2025, 2025
FLOOR_ROWS = 200_000  # the most rows a floor writes after project and replay
# The library ends a connection idle in a transaction for 5 s. A city's rebuild held its
# view transaction open while Python computed the next view's rows; on this shared
# 2-core machine (load 4.5) that gap passed 5 s at 958k of 1.07M events and the server
# ended the connection (1 Dec 2026). Batches are now computed before their transaction
# opens (projections/sql.py, StagedWrites); the stages still run with the service's
# setting, 60 s (infrastructure/settings.py), said in the results.
IDLE_IN_TRANSACTION_SECONDS = "60"


def registry_document(url: str, size: str, members: Sequence[Member]) -> dict[str, object]:
    """The registry of the run: the parent jurisdiction (the province, or the run itself)
    and every member in its own schema of the scratch database."""
    parent = size if size in PROVINCES else f"{size}-run"
    level = "city" if member_size(size) == "county" else "province"
    return {
        "jurisdictions": [
            {"code": parent, "name": parent, "level": level,
             "database_url": f"{url}?schema={parent.replace('-', '_')}"},
            *(
                {"code": m.code, "name": m.name, "parent": parent,
                 "level": "county" if member_size(size) == "county" else "city",
                 "database_url": f"{url}?schema={m.schema}"}
                for m in members
            ),
        ]
    }  # fmt: skip


def child(stage: str, registry: Path, code: str, size: str, seed: int) -> dict[str, float]:
    from domain.periods import OFFICE_TZ
    from infrastructure.bootstrap import build_application
    from infrastructure.clock import ManualClock, SeededIds
    from infrastructure.jurisdictions import JurisdictionApplications, Registry

    routes = Registry.from_file(registry)
    jurisdiction = routes.get(code)
    began, started, cpu = time.time(), time.perf_counter(), time.process_time()
    if stage == "write":
        from infrastructure.demo.generator import generate_year

        clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
        apps = JurisdictionApplications(
            routes, build=partial(build_application, clock=clock, ids=SeededIds(seed))
        )
        report = generate_year(apps(code), clock, size=size, seed=seed, year=YEAR, batch=1000)
        events = report.events
    elif stage == "project":
        from infrastructure.views.wiring import projection_runner

        apps = JurisdictionApplications(routes)
        runner = projection_runner(apps(code), jurisdiction.settings)
        runner.rebuild([])
        runner.start()
        events = runner.catch_up()
    else:
        from infrastructure.cli_replay import load_rulebook

        apps = JurisdictionApplications(routes)
        app = apps(code)
        revised = load_rulebook(REVISED).model_copy(update={"jurisdiction": code})
        replay = app.replay_year(year=YEAR, rulebook=revised)
        assert replay.diff.units
        events = app.recorder.max_notification_id() or 0
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    apps.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"events": events, "seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak,
            "began": began, "ended": began + seconds}  # fmt: skip


def start_child(stage: str, registry: Path, member: Member, size: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "benchmarks.scale", "--child", stage]
    command += ["--registry", str(registry), "--code", member.code]
    command += ["--size", size, "--seed", str(member.seed)]
    env = {
        **os.environ,
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": IDLE_IN_TRANSACTION_SECONDS,
    }
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )


def finish_child(stage: str, process: subprocess.Popen[str]) -> dict[str, float]:
    out, err = process.communicate()
    if process.returncode:
        raise RuntimeError(f"{stage} failed:\n{err[-3000:]}")
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def floors(url: str, rows: int) -> dict[str, float]:
    """COPY and batched INSERT of `rows` rows shaped like stored events."""
    floor = PostgresFloor(url)
    try:
        copy = floor.batched(max(1, rows // 10_000), 10_000)
        with floor.conn.cursor() as cur:
            started = time.perf_counter()
            for _ in range(max(1, rows // 1000)):
                cur.executemany(
                    "INSERT INTO floor_events (originator_id, originator_version, topic, state) "
                    "VALUES (%s, %s, %s, %s)",
                    [(uuid.uuid4(), 1, "t", floor.state) for _ in range(1000)],
                )
                floor.conn.commit()
            inserted = max(1, rows // 1000) * 1000 / (time.perf_counter() - started)
        floor.conn.execute("TRUNCATE floor_events")
        floor.conn.commit()
    finally:
        floor.close()
    return {"copy": copy.per_second, "insert": inserted}


LOG_TABLES = ("assessment_events", "assessment_events_hashes")


def storage(url: str, schema: str) -> tuple[int, int]:
    """Bytes of the schema's log tables and of everything else in it (views, tracking)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        ).fetchall()
    log = sum(size for name, size in rows if name in LOG_TABLES)
    return log, sum(size for _, size in rows) - log


def drop_schema(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def load() -> float:
    return os.getloadavg()[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--size", default="city", help="county, city or province")
    parser.add_argument("--jurisdictions", type=int, default=None)
    parser.add_argument("--parallel", action="store_true", help="each stage of all at once")
    parser.add_argument(
        "--at-once", type=int, default=1, help="each stage K jurisdictions at a time"
    )
    parser.add_argument(
        "--drop-done", action="store_true", help="drop each group's schemas once measured"
    )
    parser.add_argument("--pg", default=DEFAULT_ADMIN)
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument(
        "--resume", type=Path, help="keep every group here; measure only the groups missing"
    )
    parser.add_argument("--stages", default=",".join(STAGES), help="e.g. write (default all)")
    parser.add_argument("--child")
    parser.add_argument("--registry", type=Path)
    parser.add_argument("--code")
    parser.add_argument("--seed", type=int, default=SEED)
    options = parser.parse_args(argv)
    if options.child:
        result = child(options.child, options.registry, options.code, options.size, options.seed)
        print(json.dumps(result))
        return 0
    stages = tuple(s for s in options.stages.split(",") if s)
    if not stages or set(stages) - set(STAGES):
        parser.error(f"--stages: some of {', '.join(STAGES)}")
    if options.resume and options.json:
        parser.error("--resume FILE is also the run's JSON: give one of them")
    if options.resume and not options.drop_done:
        parser.error("--resume needs --drop-done: a sitting's groups are not kept for the next")
    members = members_of(options.size, options.jurisdictions, SEED)
    at_once = len(members) if options.parallel else max(1, options.at_once)
    shape = {"size": options.size, "at_once": at_once, "stages": stages}
    done = load_groups(options.resume, **shape) if options.resume else []

    def keep(groups: list[GroupRecord]) -> None:
        save_groups(options.resume, **shape, groups=groups)

    with postgres_database(options.pg) as url:
        lines, groups = run(
            url, options.size, members, at_once=at_once, stages=stages,
            drop_done=options.drop_done, done=done,
            on_group=keep if options.resume else None,
        )  # fmt: skip
    print("\n".join(lines))
    target = options.resume or options.json
    if target:
        save_groups(target, **shape, groups=groups, table=lines)
    return 0


def run(
    url: str,
    size: str,
    members: Sequence[Member],
    *,
    at_once: int = 1,
    stages: Sequence[str] = STAGES,
    drop_done: bool = False,
    done: Sequence[GroupRecord] = (),
    on_group: Callable[[list[GroupRecord]], None] | None = None,
) -> tuple[list[str], list[GroupRecord]]:
    """Every stage of `at_once` jurisdictions at a time, group after group (1: one after
    another). A group's storage is measured once its stages are done; `drop_done` then
    drops its schemas, so a province's twenty cities need one group's disk, not all of
    it (≈ 3.3 GB a city). Groups in `done` (measured in an earlier sitting) are not
    measured again; `on_group` is given every group so far after each new one."""
    groups = [tuple(members[i : i + at_once]) for i in range(0, len(members), at_once)]
    recorded = {group.members: group for group in done}
    unknown = set(recorded) - {tuple(m.code for m in group) for group in groups}
    if unknown:
        raise ResumeMismatchError(f"groups {sorted(unknown)} are not groups of this run")
    now = sitting(datetime.now(UTC))
    kept: list[GroupRecord] = []
    for group in groups:
        codes = tuple(m.code for m in group)
        if codes in recorded:
            kept.append(recorded[codes])
            continue
        kept.append(measure_group(url, size, group, stages, drop_done=drop_done, measured_in=now))
        if on_group:
            on_group(list(kept))
    return report_lines(size, kept, at_once), kept


def measure_group(
    url: str,
    size: str,
    group: Sequence[Member],
    stages: Sequence[str],
    *,
    drop_done: bool,
    measured_in: str,
) -> GroupRecord:
    """Every stage of the group's jurisdictions at once, each stage beside the floors
    measured right after it, then the storage of each."""
    with psycopg.connect(url, autocommit=True) as conn:
        for member in group:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(member.schema)))
    each = member_size(size)
    runs, walls, storage_lines = [], {}, []
    with tempfile.TemporaryDirectory(prefix="dukao_scale_") as folder:
        registry = Path(folder) / "jurisdictions.yaml"
        registry.write_text(yaml.safe_dump(registry_document(url, size, group)), "utf-8")
        for stage in stages:
            before = load()
            processes = [start_child(stage, registry, member, each) for member in group]
            results = [finish_child(stage, process) for process in processes]
            # From the first child's start to the last one's end, imports left out.
            walls[stage] = max(r["ended"] for r in results) - min(r["began"] for r in results)
            after = load()
            events = sum(int(result["events"]) for result in results)
            floor = floors(url, events if stage == "write" else min(events, FLOOR_ROWS))
            for member, result in zip(group, results, strict=True):
                found = StageRun(member.code, each, stage, int(result["events"]),
                                 result["seconds"], result["cpu"], result["peak_mb"],
                                 floor["copy"], floor["insert"], (before, after))  # fmt: skip
                runs.append(found)
                print(row(found), flush=True)
    for member in group:
        events = max(r.events for r in runs if r.jurisdiction == member.code)
        storage_lines.append(storage_line(member.code, events, *storage(url, member.schema)))
        print(storage_lines[-1], flush=True)
        if drop_done:
            drop_schema(url, member.schema)
    machine = describe_machine(server_version(url))
    codes = tuple(member.code for member in group)
    return GroupRecord(codes, measured_in, machine, tuple(runs), walls, tuple(storage_lines))


def report_lines(size: str, groups: Sequence[GroupRecord], at_once: int) -> list[str]:
    """The table of every group measured: a row per jurisdiction and stage, storage,
    the stages' totals, the sittings when more than one, and the province extrapolated
    from its measured groups when some are missing."""
    runs = [run for group in groups for run in group.runs]
    lines = [*HEADER, *(row(run) for run in runs)]
    lines += [line for group in groups for line in group.storage]
    stage_totals = totals(runs, summed_walls(groups), at_once)
    lines += [total_row(total) for total in stage_totals]
    measured = sum(len(group.members) for group in groups)
    if size in PROVINCES and measured < PROVINCES[size].jurisdictions:
        estimate = extrapolate(runs, stage_totals, PROVINCES[size].jurisdictions)
        lines += extrapolation_lines(size, estimate)
    lines += sitting_lines(groups)
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
