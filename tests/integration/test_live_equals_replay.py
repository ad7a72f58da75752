"""Live equals replay (issue 5 point 2): every ranking, unit result, ledger line, warning
and reward in the views, projected batch by batch as the year was written, equals the
scoring engine's replay of the same events under the adopted rulebook — evaluations,
special assessments and overdue and escalated cases included (issue 7)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain.ids import year_id
from domain.periods import OFFICE_TZ
from domain.scoring.result import YearResult
from domain.supervision.case import SupervisionCase
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import generate_year
from infrastructure.replay.app import replay_application
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.ledger import line_keys, unit_ledger
from projections.rankings import ranking
from projections.reward_ledger import rewards
from projections.runner import ProjectionRunner
from projections.warning_board import board
from tests.views import view_rows

YEAR = 2025


@dataclass
class Projected:
    app: AssessmentApplication
    runner: ProjectionRunner
    official: YearResult


@pytest.fixture(scope="module")
def projected(module_store_url: str) -> Iterator[Projected]:
    """A generated tiny year, followed live: projected every few commands as it is
    written (the tests only read it)."""
    store_url = module_store_url
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(Settings(store_url), clock=clock, ids=SeededIds(11))
    runner = projection_runner(app, Settings(store_url))
    runner.start()
    ticks = [0]

    def follow(done: int, total: int) -> None:
        ticks[0] += 1
        if ticks[0] % 8 == 0:
            runner.catch_up()

    generate_year(app, clock, size="tiny", seed=11, on_progress=follow)
    runner.catch_up()
    replay = replay_application(Settings(store_url))
    try:
        official = replay.official_result(year=YEAR)
    finally:
        replay.close()
    yield Projected(app, runner, official)
    app.close()


def test_every_ranking_of_every_period_equals_the_replayed_standings(
    projected: Projected,
) -> None:
    official, the_year = projected.official, year_id(projected.app.jurisdiction, YEAR)
    periods = {(s.period, s.category) for s in official.standings}
    assert len(periods) == 19 * 2  # 12 months, 4 quarters, 2 halves, the year; 2 categories
    with projected.runner.store.transaction() as tx:
        for period, category in periods:
            shown = ranking(tx, year_id=the_year, period=period, category=category)
            expected = sorted(
                (s for s in official.standings if (s.period, s.category) == (period, category)),
                key=lambda s: s.rank,
            )
            assert [(r.unit_id, r.score, r.rank) for r in shown] == [
                (str(s.unit_id), s.score, s.rank) for s in expected
            ]
        categories = {s.category for s in official.standings}
        year_grades = {
            r.unit_id: r.grade
            for category in categories
            for r in ranking(tx, year_id=the_year, period=str(YEAR), category=category)
        }
    assert year_grades == {str(u.unit_id): str(u.grade) for u in official.units}


def test_every_ledger_line_and_total_equals_the_replay(projected: Projected) -> None:
    official, the_year = projected.official, year_id(projected.app.jurisdiction, YEAR)
    with projected.runner.store.transaction() as tx:
        for unit in official.units:
            ledger = unit_ledger(tx, year_id=the_year, unit_id=unit.unit_id)
            assert ledger is not None
            assert (ledger.total, ledger.rank, ledger.grade) == (
                unit.total, unit.rank, str(unit.grade),
            )  # fmt: skip
            shown = [(x.line_key, x.kind, x.points, x.clause_id, x.event_ids) for x in ledger.lines]
            assert shown == [
                (key, line.kind, line.points, line.clause_id, line.event_ids)
                for key, line in zip(line_keys(unit.lines), unit.lines, strict=True)
            ]  # fmt: skip
            assert sum((line.points for line in ledger.lines), Decimal(0)) == ledger.total


def test_the_warning_board_and_the_rewards_equal_the_replay(projected: Projected) -> None:
    official, the_year = projected.official, year_id(projected.app.jurisdiction, YEAR)
    with projected.runner.store.transaction() as tx:
        for month in {w.month for w in official.warnings}:
            shown = {
                (w.target_id, w.level, w.lag) for w in board(tx, year_id=the_year, month=month)
            }
            expected = {
                (str(w.target_id), str(w.level), w.lag)
                for w in official.warnings
                if w.month == month and str(w.level) != "none"
            }
            assert shown == expected
        paid = rewards(tx, year_id=the_year)
    flags = [line for unit in official.units for line in unit.lines if line.kind == "red_flag"]
    assert len(paid) == len(flags) > 0


def test_a_rebuild_writes_the_same_rows_and_versions_as_the_live_run(
    projected: Projected, module_store_url: str
) -> None:
    live = view_rows(projected.runner)

    rebuilt = projection_runner(projected.app, Settings(module_store_url))
    rebuilt.rebuild([])
    rebuilt.start()
    rebuilt.catch_up()

    assert view_rows(rebuilt) == live


def test_cases_evaluations_and_special_assessments_show_as_replayed(
    projected: Projected,
) -> None:
    """The weighed lines (issue 7 point 7) are in the year the demo generates, and the
    ledger view holds them as the replay scores them (the test above compares every line);
    the supervision ledger shows each case as the case itself computes it at the end."""
    official = projected.official
    kinds = Counter(line.kind for unit in official.units for line in unit.lines)
    for kind in ("evaluation", "special_assessment", "case_overdue", "case_escalated"):
        assert kinds[kind] > 0, kind
    app, end = projected.app, datetime.fromisoformat(_last_recorded(projected))
    rows = app.supervision_ledger(year=YEAR)
    assert rows
    for row in rows:
        case = app.read(SupervisionCase, UUID(row.case_id), field="case_id")
        late = case.overdue(end)
        assert (row.state, row.overdue_days, row.missed_reports) == (
            str(case.state), 0 if late is None else late.days, len(case.missed_progress(end)),
        )  # fmt: skip


def _last_recorded(projected: Projected) -> str:
    with projected.runner.store.transaction() as tx:
        [(recorded,)] = tx.rows(
            "SELECT recorded_at FROM projection_checkpoints ORDER BY position DESC LIMIT 1"
        )
    return str(recorded)
