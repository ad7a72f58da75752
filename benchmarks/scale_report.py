"""The scale run's arithmetic and tables: one row per jurisdiction and stage, the rate of
the stage across all the jurisdictions of the run, and a province's figures extrapolated
from the jurisdictions that were measured — always labelled as such."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

STAGES = ("write", "project", "replay")


@dataclass(frozen=True)
class StageRun:
    """One stage of one jurisdiction, in its own child process."""

    jurisdiction: str
    size: str
    stage: str
    events: int
    seconds: float
    cpu: float  # CPU seconds of the child (the PostgreSQL backend's are not in it)
    peak_mb: float  # peak RSS of the child
    copy: float  # the COPY floor measured right after, rows/s
    insert: float  # the batched INSERT floor measured right after, rows/s
    load: tuple[float, float]  # 1-minute load average at the start and at the end

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "rate": self.rate}


@dataclass(frozen=True)
class StageTotal:
    """A stage across every jurisdiction of the run: one after another (`at_once` 1: wall
    = the sum of their seconds), or `at_once` at a time (wall = the sum of the measured
    wall clocks of each group, from its first start to its last end)."""

    stage: str
    jurisdictions: int
    events: int
    wall: float
    at_once: int

    @property
    def rate(self) -> float:
        return self.events / self.wall if self.wall > 0 else 0.0


HEADER = [
    "| jurisdiction | stage | events | seconds | events/s | CPU s | peak RSS "
    "| floor COPY / batched INSERT | load start→end |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
]


def row(run: StageRun) -> str:
    return (
        f"| {run.jurisdiction} ({run.size}) | {run.stage} | {run.events:,} "
        f"| {run.seconds:,.1f} | {run.rate:,.0f} | {run.cpu:,.1f} | {run.peak_mb:,.0f} MB "
        f"| {run.copy:,.0f} / {run.insert:,.0f} rows/s "
        f"| {run.load[0]:.2f}→{run.load[1]:.2f} |"
    )


def totals(runs: Sequence[StageRun], walls: dict[str, float], at_once: int) -> list[StageTotal]:
    """Each stage's events over its wall clock; `walls` holds each stage's measured wall
    clock when several ran at a time, and is ignored one after another (the sum is
    taken)."""
    found = []
    for stage in STAGES:
        mine = [run for run in runs if run.stage == stage]
        if not mine:
            continue
        wall = walls[stage] if at_once > 1 else sum(run.seconds for run in mine)
        found.append(StageTotal(stage, len(mine), sum(r.events for r in mine), wall, at_once))
    return found


def total_row(total: StageTotal) -> str:
    how = (
        "one after another"
        if total.at_once == 1
        else "at once"
        if total.at_once >= total.jurisdictions
        else f"{total.at_once} at a time"
    )
    return (
        f"| all {total.jurisdictions} ({how}) | {total.stage} | {total.events:,} "
        f"| {total.wall:,.1f} | {total.rate:,.0f} | | | | |"
    )


@dataclass(frozen=True)
class Extrapolation:
    """A stage of the whole province, estimated from the measured jurisdictions: the
    mean events per jurisdiction times the province's count, at the measured rate of the
    stage across the run. Memory is per jurisdiction (each stage of each jurisdiction
    is its own process over its own log), so the province's peak is the measured one."""

    stage: str
    measured: int
    jurisdictions: int
    events: int
    seconds: float
    peak_mb: float


def extrapolate(
    runs: Sequence[StageRun], stage_totals: Sequence[StageTotal], jurisdictions: int
) -> list[Extrapolation]:
    found = []
    for total in stage_totals:
        mine = [run for run in runs if run.stage == total.stage]
        events = round(total.events / total.jurisdictions * jurisdictions)
        seconds = events / total.rate if total.rate > 0 else 0.0
        peak = max(run.peak_mb for run in mine)
        found.append(
            Extrapolation(total.stage, total.jurisdictions, jurisdictions, events, seconds, peak)
        )
    return found


def duration(seconds: float) -> str:
    return f"{seconds / 3600:,.1f} h" if seconds >= 3600 else f"{seconds / 60:,.0f} min"


def extrapolation_lines(size: str, found: Sequence[Extrapolation]) -> list[str]:
    if not found:
        return []
    first = found[0]
    lines = [
        "",
        f"EXTRAPOLATED, NOT MEASURED: the whole {size} ({first.jurisdictions} jurisdictions) "
        f"from {first.measured} measured; the full run was not done.",
        "| stage | events (extrapolated) | time at the measured rate "
        "| peak RSS per jurisdiction (measured) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for item in found:
        lines.append(
            f"| {item.stage} | ≈ {item.events:,} | ≈ {duration(item.seconds)} "
            f"| {item.peak_mb:,.0f} MB |"
        )
    return lines


def storage_line(code: str, events: int, log_bytes: int, view_bytes: int) -> str:
    """What one jurisdiction's schema holds on disk: its log (events, their hash chain)
    and its views, tables with their indexes."""
    per_event = log_bytes / events if events else 0.0
    return (
        f"Storage {code}: log (events, chain) {log_bytes / 2**20:,.0f} MB "
        f"({per_event:,.0f} bytes an event), views {view_bytes / 2**20:,.0f} MB"
    )
