"""A scale run kept group by group, so a run longer than one sitting can be resumed.

A province is twenty cities measured two at a time; with `--drop-done` every group is
written, projected, replayed, measured and dropped before the next one starts, so the
groups are independent and each carries what it was measured on: its machine, and the
floors measured right after each of its stages, and its sitting: the run that measured
it (when it started, on which boot of which machine). `--resume FILE` rewrites FILE
after every group and, started again, measures only the groups FILE does not hold yet.
The table then says in how many sittings and on which machines the groups were
measured: a group's ratios to its own floors compare across machines, wall clocks added
across machines do not, and the report says so."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.scale_report import StageRun


@dataclass(frozen=True)
class GroupRecord:
    """One group of jurisdictions, every stage of it measured in one sitting."""

    members: tuple[str, ...]
    sitting: str  # the run that measured it: see `sitting()`
    machine: str
    runs: tuple[StageRun, ...]
    walls: dict[str, float]  # each stage's wall clock, the group's first start to last end
    storage: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "members": list(self.members),
            "sitting": self.sitting,
            "machine": self.machine,
            "runs": [run.as_dict() for run in self.runs],
            "walls": self.walls,
            "storage": list(self.storage),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupRecord:
        return cls(
            members=tuple(data["members"]),
            sitting=data["sitting"],
            machine=data["machine"],
            runs=tuple(stage_run(run) for run in data["runs"]),
            walls={stage: float(seconds) for stage, seconds in data["walls"].items()},
            storage=tuple(data["storage"]),
        )


def sitting(started: datetime, boot_id: Path = Path("/proc/sys/kernel/random/boot_id")) -> str:
    """One run of the benchmark: when it started, the boot it ran in (a new machine, or
    the same one restarted, is a new boot), and a run id of its own (two runs can start
    in the same second)."""
    try:
        boot = boot_id.read_text("utf-8").strip()[:8]
    except OSError:
        boot = "unknown"
    return f"started {started:%Y-%m-%d %H:%M:%S} UTC, boot {boot}, run {uuid.uuid4().hex[:6]}"


def stage_run(data: dict[str, Any]) -> StageRun:
    return StageRun(
        jurisdiction=data["jurisdiction"],
        size=data["size"],
        stage=data["stage"],
        events=int(data["events"]),
        seconds=float(data["seconds"]),
        cpu=float(data["cpu"]),
        peak_mb=float(data["peak_mb"]),
        copy=float(data["copy"]),
        insert=float(data["insert"]),
        load=(float(data["load"][0]), float(data["load"][1])),
    )


class ResumeMismatchError(ValueError):
    """The file to resume was written by a run of another size, grouping or stages."""


def load_groups(path: Path, *, size: str, at_once: int, stages: Sequence[str]) -> list[GroupRecord]:
    """The groups already measured in `path` (none if it does not exist yet), refusing a
    file of another run: its groups would not add up to this one."""
    if not path.exists():
        return []
    document = json.loads(path.read_text("utf-8"))
    wanted = {"size": size, "at_once": at_once, "stages": list(stages)}
    found = {key: document.get(key) for key in wanted}
    if found != wanted:
        raise ResumeMismatchError(f"--resume {path}: it holds a run of {found}, not of {wanted}")
    return [GroupRecord.from_dict(group) for group in document.get("groups", [])]


def save_groups(
    path: Path,
    *,
    size: str,
    at_once: int,
    stages: Sequence[str],
    groups: Sequence[GroupRecord],
    table: Sequence[str] = (),
) -> None:
    """Every group measured so far (and the table, once there is one), written to a
    temporary file and renamed over `path`: a sitting cut off mid-write leaves the last
    whole file."""
    document = {
        "size": size,
        "at_once": at_once,
        "stages": list(stages),
        "groups": [group.as_dict() for group in groups],
        "runs": [run.as_dict() for group in groups for run in group.runs],
        "table": list(table),
    }
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=1), "utf-8")
    partial.replace(path)


def summed_walls(groups: Sequence[GroupRecord]) -> dict[str, float]:
    walls: dict[str, float] = {}
    for group in groups:
        for stage, seconds in group.walls.items():
            walls[stage] = walls.get(stage, 0.0) + seconds
    return walls


def sitting_lines(groups: Sequence[GroupRecord]) -> list[str]:
    """The machine of each sitting, and which groups each measured when there was more
    than one."""
    sittings = list(dict.fromkeys(group.sitting for group in groups))
    machine = {group.sitting: group.machine for group in reversed(groups)}  # its first
    if len(sittings) < 2:
        return [machine[only] for only in sittings]
    lines = [
        "",
        f"MEASURED IN {len(sittings)} SITTINGS: each group's rates are against its own "
        "floors, measured right after on its machine; the totals add wall clocks of "
        "different sittings.",
    ]
    for each in sittings:
        codes = [code for group in groups if group.sitting == each for code in group.members]
        lines.append(f"- {', '.join(codes)}: {each}; {machine[each]}")
    return lines
