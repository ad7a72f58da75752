"""Replay speed (issue 4 point 7): a city-sized year on PostgreSQL replayed under the
revised rulebook, beside the raw floor of reading the same rows with psycopg.

    python -m benchmarks.replay [--copies 400] [--rounds 3]

Each measure of each round runs in a fresh child process, so its peak resident memory
(ru_maxrss) is its own and one phase's garbage cannot slow the next:
  floor      every row of the events table through the replay cursor, nothing decoded
  decode     the year's events read, filtered to the year and decoded (the event source)
  engine     score_year over the decoded events once (the other engineer's engine)
  replay     ReplayQueries.replay_year end to end: one read + decode feeding the official
             and the replayed score_year (two threads) + diff, what `dukao replay` does
Rates are events of the year per second (rows per second for the floor).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

from application.ports import YearEventSource
from benchmarks.replay_dataset import ensure_copies
from benchmarks.stats import Figure, Rate, render_table
from domain.events import DomainEvent

ROOT = Path(__file__).resolve().parents[1]
REVISED = ROOT / "rulebooks" / "revised-2025.yaml"
YEAR = 2025
PHASES = ("floor", "decode", "engine", "replay")


class CountingSource:
    """Passes a source's events through, counting them."""

    def __init__(self, source: YearEventSource) -> None:
        self.source, self.count = source, 0

    def year_events(self, *, year_id: UUID, jurisdiction: str) -> Iterator[DomainEvent]:
        for event in self.source.year_events(year_id=year_id, jurisdiction=jurisdiction):
            self.count += 1
            yield event


def child(phase: str, url: str) -> dict[str, float]:
    """One measure in this process; returns its count, seconds and peak memory."""
    from domain.scoring.engine import score_year
    from infrastructure.cli_replay import load_rulebook
    from infrastructure.replay.app import replay_application
    from infrastructure.replay.postgres import PostgresYearEventSource
    from infrastructure.settings import Settings

    app = replay_application(Settings(url))
    assert isinstance(app.year_event_source, PostgresYearEventSource)
    source = app.year_event_source
    counting = app.year_event_source = CountingSource(source)
    rulebook = load_rulebook(REVISED)
    the_year = app.year(YEAR)
    started, cpu = time.perf_counter(), time.process_time()
    if phase == "floor":
        counting.count = sum(len(batch) for batch in source.rows())
    elif phase == "decode":
        for _event in app.year_events(the_year.id):
            pass
    elif phase == "engine":
        units = score_year(app.year_events(the_year.id), rulebook).units
        assert len(units) == len(the_year.roster)
    else:
        replay = app.replay_year(year=YEAR, rulebook=rulebook)
        assert len(replay.diff.units) == len(the_year.roster)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    app.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "count": counting.count,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": peak_mb,
    }


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


def measure(url: str, rounds: int) -> tuple[list[Figure], dict[str, list[float]]]:
    """Wall-clock figures (and, as "… cpu", per CPU second of this process: the machine
    is shared, and CPU time is what other load disturbs least)."""
    figures: dict[str, Figure] = {}
    for phase in PHASES:
        unit = "rows/s" if phase == "floor" else "events/s"
        figures[phase] = Figure("postgres", phase, unit)
        figures[f"{phase} cpu"] = Figure("postgres", f"{phase} cpu", unit)
    for phase in PHASES[1:]:
        figures[phase].floor = figures["floor"]
        figures[f"{phase} cpu"].floor = figures["floor cpu"]
    peaks: dict[str, list[float]] = {phase: [] for phase in PHASES}
    for number in range(1, rounds + 1):
        for phase in PHASES:
            result = run_child(phase, url)
            count = int(result["count"])
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
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--base", default="tiny")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=PHASES)
    parser.add_argument("--url")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.url)))
        return
    url = ensure_copies(args.base, args.copies)
    figures, peaks = measure(url, args.rounds)
    print(render_table(figures))
    print("\n| measure | peak RSS (max of rounds) | seconds (median) |\n| --- | ---: | ---: |")
    for figure in figures:
        if figure.measure in peaks:
            seconds = sorted(r.seconds for r in figure.rates)[len(figure.rates) // 2]
            print(f"| {figure.measure} | {max(peaks[figure.measure]):,.0f} MB | {seconds:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
