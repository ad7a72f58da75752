"""Closed-loop load and its latency figures: N clients, each sending its next request
when the last one is answered, until a number of requests is done; p50 and p99 of the
requests' latencies and the requests per second of the whole run.

With N clients always waiting, latency is N / throughput (Little's law): a server that
answers 100 requests a second keeps 16 clients waiting 160 ms each, however fast it
answers one client alone.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """One closed-loop run: every request's latency (s) and the wall time (s)."""

    latencies: tuple[float, ...]
    seconds: float

    @property
    def p50(self) -> float:
        return percentile(self.latencies, 0.50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies, 0.99)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds > 0 else float("inf")


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least `share` of all reach."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(round(len(ordered) * share, 9)))  # 400 × 0.99 is 396, not 397
    return ordered[rank - 1]


async def closed_loop(clients: int, requests: int, send: Callable[[int], Awaitable[None]]) -> Run:
    """`clients` loops sharing `requests` requests; `send(i)` makes request i."""
    numbers = itertools.count()
    latencies: list[float] = []

    async def client() -> None:
        while (number := next(numbers)) < requests:
            started = time.perf_counter()
            await send(number)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return Run(tuple(latencies), time.perf_counter() - started)


@dataclass
class Measure:
    """One workload over all rounds: the application's runs beside the floor's."""

    name: str
    clients: int
    runs: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _median(values: Sequence[float]) -> float:
    return statistics.median(values)


def render(measures: Sequence[Measure]) -> str:
    """A Markdown table: medians over rounds (and of the per-round ratios)."""
    lines = [
        "| workload | clients | p50 ms | p99 ms | req/s | floor p50 ms | floor p99 ms "
        "| floor req/s | req/s of floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in measures:
        ratios = [r.per_second / f.per_second for r, f in zip(m.runs, m.floors, strict=True)]
        lines.append(
            f"| {m.name} | {m.clients} | {_ms(_median([r.p50 for r in m.runs]))} "
            f"| {_ms(_median([r.p99 for r in m.runs]))} "
            f"| {_median([r.per_second for r in m.runs]):,.1f} "
            f"| {_ms(_median([f.p50 for f in m.floors]))} "
            f"| {_ms(_median([f.p99 for f in m.floors]))} "
            f"| {_median([f.per_second for f in m.floors]):,.0f} "
            f"| {_median(ratios):.1%} |"
        )
    return "\n".join(lines)


def render_rounds(measures: Sequence[Measure]) -> str:
    """Every round's p99 and req/s, application and floor, to show the spread."""
    lines = []
    for m in measures:
        rounds = " / ".join(
            f"{_ms(r.p99)} ms, {r.per_second:,.1f}/s (floor {_ms(f.p99)} ms, {f.per_second:,.0f}/s)"
            for r, f in zip(m.runs, m.floors, strict=True)
        )
        lines.append(f"- {m.name}, {m.clients} clients: {rounds}")
    return "\n".join(lines)
