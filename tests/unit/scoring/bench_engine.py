"""Engine-only throughput: build a county-sized year with the pure builder, then time
`score_year` alone. Run: PYTHONPATH=. .venv/bin/python -m tests.unit.scoring.bench_engine [units]
"""

from __future__ import annotations

import sys
import time

from domain.scoring.engine import score_year
from domain.vocabulary import SanctionKind
from tests.builders import qualitative, quantitative, standard_rulebook
from tests.unit.scoring.year_builder import YearBuilder

TARGETS = 40  # of 2.5 points each: 20 quantitative, 20 qualitative


def county_year(units: int) -> YearBuilder:
    b = YearBuilder(standard_rulebook())
    lists = {}
    for i in range(units):
        category = "town" if i % 2 else "government_department"
        unit = b.unit(f"U{i:04d}", category)
        specs = [
            quantitative(weight="2.5", goal="120") if n % 2 else qualitative(weight="2.5")
            for n in range(TARGETS)
        ]
        lists[unit] = [(b.target(unit, spec), n % 2) for n, spec in enumerate(specs)]
    for month in range(1, 13):
        for index, (unit, targets) in enumerate(lists.items()):
            for target, is_quantitative in targets:
                if is_quantitative:
                    b.report(unit, target, month, value=str(month * 9 + index % 7))
                elif month % 3 == 0:
                    b.report(unit, target, month, milestones=(f"m{month // 3}",))
        b.close(month)
    for index, unit in enumerate(lists):
        b.bonus(unit, "1.5", 1 + index % 12)
        b.sanction(unit, list(SanctionKind)[index % 7], 1 + index % 12)
        b.notice(unit, 1 + index % 12)
    return b


def main(units: int) -> None:
    started = time.perf_counter()
    year = county_year(units)
    built = time.perf_counter() - started
    events = year.events
    rulebook = standard_rulebook()
    wall, cpu = float("inf"), float("inf")
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = score_year(events, rulebook)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    print(f"{len(events)} events, {units} units × {TARGETS} targets (built in {built:.1f}s)")
    # CPU time as well: on a shared machine the wall clock measures the neighbours too
    print(f"score_year wall: {wall:.2f}s → {len(events) / wall:,.0f} events/s")
    print(f"score_year CPU:  {cpu:.2f}s → {len(events) / cpu:,.0f} events/s")
    print(f"{len(result.standings)} standings, {len(result.warnings)} warnings")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
