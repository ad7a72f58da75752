"""Rates measured over several rounds, their median and spread, and the printed table.

The machine is shared and noisy, so a figure is never one run: each round measures the
floor and the application path side by side, and the ratio is taken per round before
the median, so a slow moment hits both sides of a ratio rather than one of them.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rate:
    """One timed run: how many things (rows, commands, events) in how many seconds."""

    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else float("inf")


def joined(*rates: Rate) -> Rate:
    """Runs of one measure taken at different moments, as one rate."""
    return Rate(sum(r.count for r in rates), sum(r.seconds for r in rates))


@dataclass
class Figure:
    """One measure on one store over all rounds, and the floor it is compared with."""

    store: str
    measure: str
    unit: str
    rates: list[Rate] = field(default_factory=list)
    floor: Figure | None = None

    def add(self, rate: Rate) -> None:
        self.rates.append(rate)

    @property
    def values(self) -> list[float]:
        return [r.per_second for r in self.rates]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> float:
        """Half the range relative to the median: ±0.10 means the rounds were within 10%."""
        values = self.values
        return (max(values) - min(values)) / 2 / self.median if self.median else 0.0

    def ratios(self) -> list[float]:
        """This figure over its floor, round by round (the rounds ran side by side)."""
        if self.floor is None:
            return []
        return paired_ratios(self.values, self.floor.values)


def paired_ratios(values: Sequence[float], floors: Sequence[float]) -> list[float]:
    if len(values) != len(floors):
        raise ValueError("a ratio pairs each round with the floor of the same round")
    return [v / f for v, f in zip(values, floors, strict=True) if f > 0]


def format_rate(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def render_table(figures: Sequence[Figure]) -> str:
    """A Markdown table, printed as is and pasted into BENCHMARKS.md."""
    header = "| store | measure | rate (median) | spread | rounds | ratio to floor |"
    lines = [header, "| --- | --- | ---: | ---: | --- | --- |"]
    for fig in figures:
        rounds = " / ".join(format_rate(v) for v in fig.values)
        lines.append(
            f"| {fig.store} | {fig.measure} | {format_rate(fig.median)} {fig.unit} "
            f"| ±{fig.spread:.0%} | {rounds} | {_ratio_cell(fig)} |"
        )
    return "\n".join(lines)


def format_ratio(ratio: float) -> str:
    return f"{ratio:.0%}" if ratio >= 0.1 else f"{ratio:.1%}"


def _ratio_cell(fig: Figure) -> str:
    ratios = fig.ratios()
    if not ratios or fig.floor is None:
        return "floor"
    low, high = min(ratios), max(ratios)
    median = format_ratio(statistics.median(ratios))
    return f"**{median}** of {fig.floor.measure} (rounds {format_ratio(low)}–{format_ratio(high)})"
