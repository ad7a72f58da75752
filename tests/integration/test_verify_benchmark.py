"""The verification benchmark (issue 8 point 8) runs and prints, in one run, the rate of
`verify_store` beside the raw read floor of the same rows on PostgreSQL. How fast it is
lives in BENCHMARKS.md (1M events), not in a timed test: this only proves the benchmark
measures what it says, on a small log."""

from __future__ import annotations

import re

import pytest

from benchmarks.verify_chain import main
from tests.conftest import PG_ADMIN


@pytest.mark.postgres
def test_the_benchmark_verifies_a_chained_log_beside_the_read_floor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--events", "1500", "--rounds", "1", "--batch", "500", "--pg", PG_ADMIN]) == 0
    printed = capsys.readouterr().out
    verified = re.search(r"for ([\d,]+) events \(intact, 1 digest, 1 signature\)", printed)
    assert verified, printed
    assert int(verified.group(1).replace(",", "")) >= 1500
    floor = re.search(
        r"\| postgres \| floor: rows read, nothing hashed \| ([\d,]+) rows/s", printed
    )
    verify = re.search(r"\| postgres \| verify: chain \+ Merkle tree \| ([\d,]+) events/s", printed)
    assert floor, printed
    assert verify, printed
    assert "of floor" in printed
