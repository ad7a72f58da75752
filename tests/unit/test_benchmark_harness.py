"""The write-path benchmark's arithmetic: medians, spreads and ratios taken per round."""

from __future__ import annotations

import pytest

from benchmarks.environment import cpu_model
from benchmarks.stats import Figure, Rate, joined, paired_ratios, render_table


def figure(*per_second: float, floor: Figure | None = None) -> Figure:
    fig = Figure("postgres", "measure", "rows/s", floor=floor)
    for value in per_second:
        fig.add(Rate(int(value * 2), 2.0))
    return fig


def test_a_rate_is_count_over_seconds() -> None:
    assert Rate(500, 0.25).per_second == 2000


def test_runs_at_different_moments_join_into_one_rate() -> None:
    assert joined(Rate(100, 1.0), Rate(300, 0.5)) == Rate(400, 1.5)


def test_the_median_and_the_spread_of_the_rounds() -> None:
    fig = figure(900, 1000, 1200)

    assert fig.median == 1000
    assert fig.spread == pytest.approx(0.15)


def test_ratios_pair_each_round_with_its_own_floor() -> None:
    """A slow moment that hits a round's floor and app alike leaves its ratio alone."""
    floor = figure(1000, 500, 1000)
    app = figure(600, 300, 500, floor=floor)

    assert app.ratios() == pytest.approx([0.6, 0.6, 0.5])


def test_rounds_without_a_floor_of_their_own_are_refused() -> None:
    with pytest.raises(ValueError, match="floor of the same round"):
        paired_ratios([1.0, 2.0], [1.0])


def test_the_table_gives_the_median_ratio_and_its_range() -> None:
    floor = figure(1000, 500, 1000)
    floor.measure = "raw single-row commit"
    app = figure(600, 300, 500, floor=floor)
    app.measure = "report_progress"

    table = render_table([floor, app])

    assert "| postgres | report_progress | 500 rows/s |" in table
    assert "**60%** of raw single-row commit (rounds 50%–60%)" in table


def test_small_ratios_keep_a_decimal() -> None:
    floor = figure(20000)
    app = figure(150, floor=floor)

    assert "**0.8%** of measure" in render_table([app])


def test_the_cpu_model_is_read_from_cpuinfo() -> None:
    cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n"

    assert cpu_model(cpuinfo) == "AMD EPYC 7B13"
