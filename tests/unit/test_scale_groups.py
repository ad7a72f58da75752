"""A scale run kept group by group: a sitting cut off keeps every group it finished, the
next sitting measures only the groups missing, and the table says when the groups were
measured on more than one machine."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks import scale
from benchmarks.scale_groups import (
    GroupRecord,
    ResumeMismatchError,
    load_groups,
    save_groups,
    sitting,
)
from benchmarks.scale_report import StageRun
from infrastructure.demo.sizes import Member, members_of

SHAPE = {"size": "province", "at_once": 2, "stages": ("write", "project", "replay")}


def measured(
    group: Sequence[Member], machine: str = "Machine: A", sitting: str = "sitting 1"
) -> GroupRecord:
    runs = tuple(
        StageRun(m.code, "city", stage, 1_000_000, seconds, seconds, 900.0, 9e4, 4e4, (1.0, 2.0))
        for m in group
        for stage, seconds in (("write", 250.0), ("project", 500.0), ("replay", 20.0))
    )
    walls = {"write": 260.0, "project": 510.0, "replay": 21.0}
    storage = tuple(f"Storage {m.code}: log 700 MB" for m in group)
    return GroupRecord(tuple(m.code for m in group), sitting, machine, runs, walls, storage)


class FakeMeasure:
    """Stands in for the PostgreSQL stages: records the groups measured, fails on one."""

    def __init__(self, machine: str = "Machine: A", fail_on: str | None = None) -> None:
        self.machine, self.fail_on = machine, fail_on
        self.groups: list[tuple[str, ...]] = []
        self.sittings: set[str] = set()

    def __call__(
        self,
        url: str,
        size: str,
        group: Sequence[Member],
        stages: Sequence[str],
        *,
        measured_in: str,
        **_: object,
    ) -> GroupRecord:
        assert (url, size, tuple(stages)) == ("pg", "province", SHAPE["stages"])
        if self.fail_on in {m.code for m in group}:
            raise RuntimeError("the sitting ended")
        self.groups.append(tuple(m.code for m in group))
        self.sittings.add(measured_in)
        # Each group's machine description carries the minute it was measured.
        return measured(group, f"{self.machine} at {len(self.groups)}", measured_in)


def test_a_group_survives_the_file_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    group = measured(members_of("province", 2, 2025))

    save_groups(path, **SHAPE, groups=[group])

    assert load_groups(path, **SHAPE) == [group]
    assert not (tmp_path / "run.json.partial").exists()


def test_a_file_of_another_run_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    save_groups(path, **SHAPE, groups=[measured(members_of("province", 2, 2025))])

    with pytest.raises(ResumeMismatchError, match="at_once"):
        load_groups(path, **{**SHAPE, "at_once": 1})
    with pytest.raises(ResumeMismatchError, match="stages"):
        load_groups(path, **{**SHAPE, "stages": ("write",)})


def test_no_file_yet_means_nothing_measured(tmp_path: Path) -> None:
    assert load_groups(tmp_path / "absent.json", **SHAPE) == []


def test_a_cut_off_sitting_keeps_its_groups_and_the_next_measures_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "run.json"
    members = members_of("province", 6, 2025)
    first = FakeMeasure("Machine: A", fail_on="city-05")
    monkeypatch.setattr(scale, "measure_group", first)

    def keep(groups: list[GroupRecord]) -> None:
        save_groups(path, **SHAPE, groups=groups)

    with pytest.raises(RuntimeError, match="the sitting ended"):
        scale.run("pg", "province", members, at_once=2, drop_done=True, on_group=keep)
    assert first.groups == [("city-01", "city-02"), ("city-03", "city-04")]
    assert [g.members for g in load_groups(path, **SHAPE)] == first.groups

    second = FakeMeasure("Machine: B")
    monkeypatch.setattr(scale, "measure_group", second)
    done = load_groups(path, **SHAPE)
    lines, groups = scale.run(
        "pg", "province", members, at_once=2, drop_done=True, done=done, on_group=keep
    )

    assert second.groups == [("city-05", "city-06")]
    assert [g.members for g in groups] == [*first.groups, ("city-05", "city-06")]
    assert groups[:2] == done
    table = "\n".join(lines)
    assert "| all 6 (2 at a time) | write | 6,000,000 | 780.0 |" in table
    assert len(first.sittings) == len(second.sittings) == 1
    assert first.sittings != second.sittings
    assert "MEASURED IN 2 SITTINGS" in table
    assert f"- city-05, city-06: {second.sittings.pop()}; Machine: B at 1" in table
    assert f"- city-01, city-02, city-03, city-04: {first.sittings.pop()}; Machine: A at 1" in table
    assert "EXTRAPOLATED" in table  # six of the province's twenty


def test_one_sitting_has_no_sittings_note_and_one_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMeasure()
    monkeypatch.setattr(scale, "measure_group", fake)

    lines, _ = scale.run("pg", "province", members_of("province", 20, 2025), at_once=2)

    table = "\n".join(lines)
    assert "SITTINGS" not in table
    assert "EXTRAPOLATED" not in table
    assert "| all 20 (2 at a time) | project | 20,000,000 | 5,100.0 |" in table
    assert len(fake.sittings) == 1
    assert lines[-1] == "Machine: A at 1"  # its groups' minutes differ: still one sitting
    assert sum(line.startswith("Machine:") for line in lines) == 1


def test_a_sitting_names_its_start_and_its_boot(tmp_path: Path) -> None:
    boot = tmp_path / "boot_id"
    boot.write_text("e9089489-21a9-4d84-a939-b9255a97c2c6\n")

    found = sitting(datetime(2026, 12, 1, 23, 38, 45, tzinfo=UTC), boot)

    assert re.fullmatch(r"started 2026-12-01 23:38:45 UTC, boot e9089489, run [0-9a-f]{6}", found)
    assert sitting(datetime(2026, 12, 1, tzinfo=UTC), tmp_path / "none").count("boot unknown,") == 1


def test_groups_of_another_grouping_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scale, "measure_group", FakeMeasure())
    members = members_of("province", 4, 2025)
    odd = measured(members[1:3])  # city-02 and city-03: not a group of two at a time

    with pytest.raises(ResumeMismatchError, match="city-02"):
        scale.run("pg", "province", members, at_once=2, done=[odd])
