"""The scale run's arithmetic: stage totals one after another and at once, the registry
that gives every jurisdiction its own log, and a province extrapolated from a sample —
labelled as extrapolated."""

from __future__ import annotations

import pytest

from benchmarks.scale import registry_document
from benchmarks.scale_report import (
    StageRun,
    extrapolate,
    extrapolation_lines,
    row,
    storage_line,
    total_row,
    totals,
)
from infrastructure.demo.sizes import PROVINCES, members_of
from infrastructure.jurisdictions import Registry


def stage(code: str, name: str, events: int, seconds: float, peak: float = 500) -> StageRun:
    return StageRun(code, "city", name, events, seconds, seconds / 2, peak, 9e4, 4e4, (1.5, 2.0))


def test_a_row_gives_the_rate_memory_floors_and_load() -> None:
    line = row(stage("city-01", "write", 1_000_000, 250.0, peak=1060))

    assert line == (
        "| city-01 (city) | write | 1,000,000 | 250.0 | 4,000 | 125.0 | 1,060 MB "
        "| 90,000 / 40,000 rows/s | 1.50→2.00 |"
    )


def test_one_after_another_a_stage_takes_the_sum_of_its_jurisdictions() -> None:
    runs = [stage("a", "write", 100_000, 40.0), stage("b", "write", 100_000, 60.0)]

    [write] = totals(runs, {"write": 70.0}, at_once=1)

    assert (write.events, write.wall, write.rate) == (200_000, 100.0, 2000.0)
    assert "| all 2 (one after another) | write | 200,000 | 100.0 | 2,000 |" in total_row(write)


def test_at_once_a_stage_takes_its_own_wall_clock() -> None:
    runs = [stage("a", "write", 100_000, 40.0), stage("b", "write", 100_000, 60.0)]

    [write] = totals(runs, {"write": 62.5}, at_once=2)

    assert write.rate == 3200.0
    assert "all 2 (at once)" in total_row(write)


def test_some_at_a_time_a_stage_takes_the_wall_clock_of_its_groups() -> None:
    runs = [stage(code, "write", 100_000, 40.0) for code in ("a", "b", "c", "d")]

    [write] = totals(runs, {"write": 50.0 + 30.0}, at_once=2)

    assert (write.events, write.wall, write.rate) == (400_000, 80.0, 5000.0)
    assert "all 4 (2 at a time)" in total_row(write)


def test_a_province_is_extrapolated_from_the_sample_at_its_measured_rate() -> None:
    runs = [
        stage("city-01", "write", 1_000_000, 200.0, peak=1000),
        stage("city-02", "write", 1_100_000, 325.0, peak=1100),
        stage("city-01", "replay", 1_000_000, 20.0, peak=700),
        stage("city-02", "replay", 1_100_000, 22.0, peak=720),
    ]
    found = extrapolate(runs, totals(runs, {}, at_once=1), 20)
    write, replay = found

    assert (write.measured, write.jurisdictions, write.events) == (2, 20, 21_000_000)
    assert write.seconds == pytest.approx(21_000_000 / (2_100_000 / 525.0))
    assert write.peak_mb == 1100
    assert replay.seconds == pytest.approx(21_000_000 / (2_100_000 / 42.0))

    lines = "\n".join(extrapolation_lines("province", found))
    assert "EXTRAPOLATED, NOT MEASURED" in lines
    assert "from 2 measured; the full run was not done" in lines
    assert "| write | ≈ 21,000,000 | ≈ 1.5 h | 1,100 MB |" in lines
    assert "| replay | ≈ 21,000,000 | ≈ 7 min | 720 MB |" in lines


def test_every_jurisdiction_of_the_run_has_its_own_store_in_the_registry() -> None:
    members = members_of("province", 3, 2025)

    registry = Registry.model_validate(registry_document("postgresql://h/db", "province", members))

    assert [j.code for j in registry.children("province")] == ["city-01", "city-02", "city-03"]
    assert registry.get("city-02").database_url == "postgresql://h/db?schema=city_02"
    assert {j.level for j in registry.children("province")} == {"city"}
    assert registry.get("province").level == "province"
    assert PROVINCES["province"].jurisdictions == 20


def test_counties_of_a_run_sit_under_a_city() -> None:
    members = members_of("county", 2, 2025)

    registry = Registry.model_validate(registry_document("postgresql://h/db", "county", members))

    assert registry.get("county-run").level == "city"
    assert {j.level for j in registry.children("county-run")} == {"county"}


def test_storage_gives_the_log_per_event_and_the_views() -> None:
    line = storage_line("city-01", 1_000_000, 700 * 2**20, 2048 * 2**20)

    assert line == (
        "Storage city-01: log (events, chain) 700 MB (734 bytes an event), views 2,048 MB"
    )
