"""The scale run resumed for real on PostgreSQL: two tiny jurisdictions written,
projected and replayed one at a time, the second group's record lost as a sitting cut
off before it finished would lose it, and the run started again: it measures the second
group anew and leaves the first as it was."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from benchmarks import scale
from benchmarks.scale_groups import load_groups, save_groups
from benchmarks.scale_report import STAGES
from tests.conftest import PG_ADMIN

pytestmark = pytest.mark.postgres

SHAPE = {"size": "tiny", "at_once": 1, "stages": STAGES}


def bench_databases() -> set[str]:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'dukao_bench_%'")
        return {str(name) for (name,) in rows}


def test_a_resumed_run_measures_only_the_groups_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "province-run.json"
    args = ["--size", "tiny", "--jurisdictions", "2", "--drop-done", "--resume", str(path)]
    before = bench_databases()

    assert scale.main([*args, "--pg", PG_ADMIN]) == 0
    first = load_groups(path, **SHAPE)
    assert [group.members for group in first] == [("tiny-01",), ("tiny-02",)]
    for group in first:
        assert [run.stage for run in group.runs] == list(STAGES)
        assert all(run.events > 1000 and run.copy > 0 and run.insert > 0 for run in group.runs)
    save_groups(path, **SHAPE, groups=first[:1])
    capsys.readouterr()

    assert scale.main([*args, "--pg", PG_ADMIN]) == 0
    again = load_groups(path, **SHAPE)
    printed = capsys.readouterr().out

    assert again[0] == first[0]
    assert first[0].sitting == first[1].sitting != again[1].sitting
    assert again[1].members == ("tiny-02",)
    assert again[1].runs != first[1].runs  # measured anew, not copied
    assert [run.events for run in again[1].runs] == [run.events for run in first[1].runs]
    assert printed.count("| tiny-02 (tiny) | write |") == 2  # as measured, then in the table
    assert printed.count("| tiny-01 (tiny) | write |") == 1  # in the table only
    assert "| all 2 (one after another) | replay |" in printed
    assert bench_databases() == before  # each sitting's scratch database is dropped
