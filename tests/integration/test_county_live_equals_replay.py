"""The generated county year (issue 5 point 2): every ranking of every period and every
ledger line in the views, projected as the year was written, equals the scoring engine's
replay of the same events under the adopted rulebook.

A county year is ~180,000 commands; this test generates it once on SQLite (the demo's
own way: without a sync per commit) and takes several minutes."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from domain.ids import year_id
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.campaigns import campaigns
from projections.ledger import line_keys, unit_ledger
from projections.rankings import ranking
from projections.special_results import special_results
from projections.supervision_ledger import cases

pytestmark = pytest.mark.slow
YEAR = 2025


def test_the_county_years_views_equal_its_replay(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/county.sqlite?synchronous=normal"
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(Settings(url), clock=clock, ids=SeededIds(2025))
    runner = projection_runner(app, Settings(url))
    runner.start()
    ticks = [0]

    def follow(done: int, total: int) -> None:  # the views follow the year as it is written
        ticks[0] += 1
        if ticks[0] % 10 == 0:
            runner.catch_up()

    try:
        generate_year(app, clock, size="county", seed=2025, year=YEAR, on_progress=follow)
        runner.catch_up()
        official = app.official_result(year=YEAR)
        the_year = year_id(app.jurisdiction, YEAR)
        standings = defaultdict(list)
        for s in official.standings:
            standings[(s.period, s.category)].append((str(s.unit_id), s.score, s.rank))
        with runner.store.transaction() as tx:
            for (period, category), expected in standings.items():
                shown = ranking(tx, year_id=the_year, period=period, category=category)
                assert [(r.unit_id, r.score, r.rank) for r in shown] == sorted(
                    expected, key=lambda row: row[2]
                ), (period, category)
            for unit in official.units:
                ledger = unit_ledger(tx, year_id=the_year, unit_id=unit.unit_id)
                assert ledger is not None
                assert (ledger.total, ledger.rank, ledger.grade) == (
                    unit.total, unit.rank, str(unit.grade),
                )  # fmt: skip
                assert [(x.line_key, x.points, x.clause_id, x.event_ids) for x in ledger.lines] == [
                    (key, line.points, line.clause_id, line.event_ids)
                    for key, line in zip(line_keys(unit.lines), unit.lines, strict=True)
                ]  # fmt: skip
        assert len(official.units) == 150
        assert len(standings) == 19 * 4
        # Issue 7 point 7: the county's cases, evaluations and special assessments are in
        # its views and enter its scores through their clauses.
        kinds = Counter(line.kind for unit in official.units for line in unit.lines)
        weighed = ("evaluation", "special_assessment", "case_overdue", "case_escalated")
        assert all(kinds[kind] > 0 for kind in weighed), kinds
        with runner.store.transaction() as tx:
            assert len(cases(tx, year_id=the_year)) == 40
            shown = {c.kind for c in campaigns(tx, year_id=the_year)}
            assert shown == {"mutual", "democratic", "public", "leadership"}
            assert {r.assessment_key for r in special_results(tx, year_id=the_year)} == {
                "work-safety", "ecology",
            }  # fmt: skip
    finally:
        runner.log.close()  # type: ignore[attr-defined]
        app.close()
