"""Replay speed (issue 4 point 7): a city-sized year on PostgreSQL replayed under the
revised rulebook, beside the raw floor of reading the same rows with psycopg.

    python -m benchmarks.replay [--copies 632] [--rounds 3] [--phases floor,fold,engine,replay]
    python -m benchmarks.replay --generated city [--rounds 3]

The year is either `--copies` copies of the generated tiny year joined into one (5,056
units; its mix has many more target proposals per event than a real year), or with
`--generated city` the demo generator's city year itself (1,500 units, 1.07M events).

Each measure of each round runs in a fresh child process, so its peak resident memory
(ru_maxrss) is its own and one phase's garbage cannot slow the next:
  floor      every row of the events table through the replay cursor, nothing decoded
  fold       the year's stored rows read and folded into the engine's facts (year_facts)
  engine     fold + score_facts under the revised rulebook once
  replay     ReplayQueries.replay_year end to end: one read and fold, the facts scored
             under the adopted and the revised rulebook, and the diff — what `dukao
             replay` does
  decode     (on request: --phases) the year's events decoded into pydantic events
Rates are events of the year per second (rows per second for the floor); the year's
events are counted once, before the rounds, by the membership rules of the event source.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from uuid import UUID

import orjson

from application.replay import ReplayQueries
from application.year_events import YearScope
from benchmarks.replay_dataset import ensure_copies, ensure_year
from benchmarks.stats import Figure, Rate, render_table
from domain.scoring.collector import collector_paused
from domain.scoring.engine import score_facts
from infrastructure.cli_replay import load_rulebook
from infrastructure.replay.app import replay_application
from infrastructure.replay.postgres import PostgresYearEventSource
from infrastructure.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REVISED = ROOT / "rulebooks" / "revised-2025.yaml"
YEAR = 2025
PHASES = ("floor", "fold", "engine", "replay", "decode")
DEFAULT_PHASES = "floor,fold,engine,replay"


def year_event_count(source: PostgresYearEventSource, year_id: UUID, jurisdiction: str) -> int:
    """The year's events as the event source admits them, counted without decoding."""
    scope, count = YearScope(year_id=str(year_id), jurisdiction=jurisdiction), 0
    for batch in source.rows(source.text_id_rows):
        for originator_id, version, topic, state in batch:
            admitted = originator_id in scope.members or (
                version == 1
                and scope.kind_of(topic) != "none"
                and scope.admits(originator_id, version, topic, orjson.loads(state))
            )
            count += admitted
    return count


def _run(phase: str, app: ReplayQueries, source: PostgresYearEventSource) -> int:
    """The phase's work; returns the rows it read for the floor, else 0."""
    the_year, rulebook = app.year(YEAR), load_rulebook(REVISED)
    if phase == "floor":
        return sum(len(batch) for batch in source.rows())
    if phase == "decode":
        for _event in app.year_events(the_year.id):
            pass
    elif phase == "fold":
        assert len(app.year_facts(the_year).roster) == len(the_year.roster)
    elif phase == "engine":
        with collector_paused():  # as replay_year pauses it around fold and scoring
            units = score_facts(app.year_facts(the_year), rulebook).units
        assert len(units) == len(the_year.roster)
    else:
        replay = app.replay_year(year=YEAR, rulebook=rulebook)
        assert len(replay.diff.units) == len(the_year.roster)
    return 0


def child(phase: str, url: str) -> dict[str, float]:
    """One measure in this process; returns its seconds and peak memory (and the rows
    read, for the floor)."""
    app = replay_application(Settings(url))
    assert isinstance(app.year_event_source, PostgresYearEventSource)
    app.year(YEAR)  # warm: the year itself is read outside the measure
    started, cpu = time.perf_counter(), time.process_time()
    rows = _run(phase, app, app.year_event_source)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak_mb}


def count_events(url: str) -> int:
    app = replay_application(Settings(url))
    try:
        assert isinstance(app.year_event_source, PostgresYearEventSource)
        return year_event_count(app.year_event_source, app.year(YEAR).id, app.jurisdiction)
    finally:
        app.close()


def run_child(phase: str, url: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.replay", "--child", phase, "--url", url],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode:
        raise RuntimeError(f"{phase} failed:\n{out.stderr}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(
    url: str, rounds: int, phases: list[str]
) -> tuple[list[Figure], dict[str, list[float]]]:
    """Wall-clock figures (and, as "… cpu", per CPU second of this process: the machine
    is shared, and CPU time is what other load disturbs least)."""
    events = count_events(url)
    print(f"the year has {events:,} events", flush=True)
    figures: dict[str, Figure] = {}
    for phase in phases:
        unit = "rows/s" if phase == "floor" else "events/s"
        figures[phase] = Figure("postgres", phase, unit)
        figures[f"{phase} cpu"] = Figure("postgres", f"{phase} cpu", unit)
    for phase in phases:
        if phase != "floor" and "floor" in phases:
            figures[phase].floor = figures["floor"]
            figures[f"{phase} cpu"].floor = figures["floor cpu"]
    peaks: dict[str, list[float]] = {phase: [] for phase in phases}
    for number in range(1, rounds + 1):
        for phase in phases:
            result = run_child(phase, url)
            count = int(result["rows"]) if phase == "floor" else events
            figures[phase].add(Rate(count, result["seconds"]))
            figures[f"{phase} cpu"].add(Rate(count, result["cpu_seconds"]))
            peaks[phase].append(result["peak_mb"])
            print(
                f"round {number} {phase:>6}: {count:,} in {result['seconds']:.2f} s "
                f"({result['cpu_seconds']:.2f} s CPU), peak {result['peak_mb']:,.0f} MB",
                flush=True,
            )
    return list(figures.values()), peaks


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=632)  # 1,599-event base: ~1M
    parser.add_argument("--base", default="tiny")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--phases", default=DEFAULT_PHASES, help=f"of {', '.join(PHASES)}")
    parser.add_argument("--child", choices=PHASES)
    parser.add_argument("--url")
    parser.add_argument("--generated", choices=("county", "city"), help="a generated year")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.url)))
        return
    phases = [phase for phase in args.phases.split(",") if phase]
    if set(phases) - set(PHASES):
        parser.error(f"--phases: choose from {', '.join(PHASES)}")
    url = ensure_year(args.generated) if args.generated else ensure_copies(args.base, args.copies)
    figures, peaks = measure(url, args.rounds, phases)
    print(render_table(figures))
    print("\n| measure | peak RSS (max of rounds) | seconds (median) |\n| --- | ---: | ---: |")
    for figure in figures:
        if figure.measure in peaks:
            seconds = sorted(r.seconds for r in figure.rates)[len(figure.rates) // 2]
            print(f"| {figure.measure} | {max(peaks[figure.measure]):,.0f} MB | {seconds:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
