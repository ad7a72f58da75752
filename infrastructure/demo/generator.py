"""The demo year generator (issue 3 point 8): walks a whole assessment year through the
application's commands only, deterministic for a given seed.

Determinism needs the application built with `infrastructure.clock.SeededIds` (checked)
and the `ManualClock` given here, which the generator moves through the year: the same
size, seed and year on an empty store then write a byte-identical event log. Every event
carries the correlation id `demo-<size>-<seed>`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from application import context
from application.app import AssessmentApplication
from domain.rulebook.document import parse_rulebook_yaml
from domain.rulebook.model import Rulebook
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo import acts, january, months, year_end
from infrastructure.demo.driver import Driver
from infrastructure.demo.plan import make_plan
from infrastructure.demo.run import Run
from infrastructure.demo.sizes import SIZES, DemoSize
from infrastructure.demo.tally import EventTally

__all__ = ["SIZES", "DemoSize", "GenerationReport", "generate_year", "standard_rulebook"]

RULEBOOK = Path(__file__).resolve().parents[2] / "rulebooks" / "standard-2025.yaml"


@dataclass(frozen=True)
class GenerationReport:
    size: str
    seed: int
    commands: int
    events_by_type: dict[str, int]  # short event name, e.g. "TargetApproved" -> count
    seconds: float

    @property
    def events(self) -> int:
        return sum(self.events_by_type.values())

    def table(self) -> str:
        width = max((len(name) for name in self.events_by_type), default=5)
        rows = sorted(self.events_by_type.items(), key=lambda item: (-item[1], item[0]))
        lines = [f"{name:<{width}}  {count:>9,}" for name, count in rows]
        rate = self.events / self.seconds if self.seconds > 0 else 0.0
        lines.append(f"{'events':<{width}}  {self.events:>9,}")
        lines.append(
            f"{self.size} year, seed {self.seed}: {self.commands:,} commands, "
            f"{self.events:,} events in {self.seconds:.1f} s ({rate:,.0f} events/s)"
        )
        return "\n".join(lines)


def standard_rulebook(jurisdiction: str) -> Rulebook:
    """The standard rulebook, adopted in the application's own jurisdiction."""
    rulebook = parse_rulebook_yaml(RULEBOOK.read_text("utf-8"))
    if rulebook.jurisdiction == jurisdiction:
        return rulebook
    return rulebook.model_copy(update={"jurisdiction": jurisdiction})


def generate_year(
    app: AssessmentApplication,
    clock: ManualClock,
    *,
    size: str = "county",
    seed: int = 2025,
    year: int = 2025,
    on_progress: Callable[[int, int], None] | None = None,
    batch: int = 0,
) -> GenerationReport:
    """Generate one year on an application whose store has no such year yet; with
    `batch`, the commands' events are written that many commands at a time (the same log,
    application/batching.py)."""
    if size not in SIZES:
        raise ValueError(f"unknown demo size '{size}'; choose one of {', '.join(SIZES)}")
    if not isinstance(app.ids, SeededIds):
        raise ValueError(
            "build the application with ids=SeededIds(seed): demo years are "
            "reproducible only with deterministic ids"
        )
    started = time.perf_counter()
    rulebook = standard_rulebook(app.jurisdiction)
    plan = make_plan(SIZES[size], seed=seed, year=year, rulebook=rulebook)
    driver = Driver(clock, total=plan.command_count(), on_progress=on_progress)
    run = Run(app=app, plan=plan, rulebook=rulebook, driver=driver)
    tally = EventTally(app.recorder, before_reading=app.flush_saves)
    token = context.correlation_id.set(f"demo-{size}-{seed}")
    try:
        with app.batched_saves(batch) if batch else nullcontext():
            _walk_the_year(run, tally)
    finally:
        context.correlation_id.reset(token)
    tally.catch_up()
    return GenerationReport(size, seed, driver.done, tally.by_type(), time.perf_counter() - started)


def _walk_the_year(run: Run, tally: EventTally) -> None:
    january.open_year(run)
    january.propose_targets(run)
    january.review_targets(run)
    for month in range(1, 13):
        acts.decide_month(run, month)
        months.return_month(run, month)
        months.award_red_flags(run, month)
        tally.catch_up()  # a month at a time keeps the read-back small
    year_end.score_qualitative(run)
    year_end.close_the_year(run)
    year_end.finalize(run)
