"""The supervision ledger (issue 7 point 3) on both stores: each case per lead unit and
attention level with its state, and whether it is open, overdue, escalated or closed;
its days overdue and missed progress reports computed as of each checkpoint; readable as
of an earlier checkpoint; and the urging reminders (催办) of the overdue case and of every
missed report in the reminder outbox, once, through a rebuild.

The year's three cases, all opened, assigned and committed to on 6 January at 09:00:
- A: T01, 一般关注 (a report every 10 days), deadline 31 January, never answered;
- B: T02, 重点关注 (every 3 days), deadline 28 February: progress on 10 January, rectified
  on 10 February, verified on the 11th, closed (销号) on the 12th;
- C: T01, 特别关注 (every day), deadline 15 February, escalated (追责建议) on 20 February.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.periods import OFFICE_TZ
from domain.supervision.matter import CaseMatter, CaseReport
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from projections.reminders import TABLE
from projections.runner import ProjectionRunner
from tests.builders import REVIEWER, SUPERVISION, YEAR, enrolled_unit, filler, open_year

REPORT = CaseReport(narrative="按期推进")


@pytest.fixture
def runner(app: AssessmentApplication, store_url: str) -> Iterator[ProjectionRunner]:
    projections = projection_runner(app, Settings(store_url))
    projections.start()
    yield projections
    projections.log.close()  # type: ignore[attr-defined]


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(YEAR, month, day, hour, tzinfo=OFFICE_TZ)


def opened(
    app: AssessmentApplication, unit: UUID, level: AttentionLevel, deadline: date, title: str
) -> UUID:
    matter = CaseMatter(title=title, requirement="按期办结", source=CaseSource.LEADER_INSTRUCTION)
    case = app.open_case(
        year=YEAR, matter=matter, attention_level=level, lead_unit=unit, deadline=deadline,
        by=SUPERVISION,
    )  # fmt: skip
    app.assign_case(case_id=case, instructions="限期办结", by=SUPERVISION)
    app.commit_to_case(case_id=case, promised_on=deadline, measures="专班推进", by=filler(unit))
    return case


@pytest.fixture
def year(app: AssessmentApplication, clock: ManualClock, runner: ProjectionRunner) -> dict:
    open_year(app)
    t01, t02 = enrolled_unit(app, "T01"), enrolled_unit(app, "T02")
    cases = {
        "A": opened(app, t01, AttentionLevel.GENERAL, date(YEAR, 1, 31), "征地拆迁"),
        "B": opened(app, t02, AttentionLevel.KEY, date(YEAR, 2, 28), "河道整治"),
        "C": opened(app, t01, AttentionLevel.SPECIAL, date(YEAR, 2, 15), "安全隐患"),
    }
    runner.catch_up()
    first = runner.position
    b, c = cases["B"], cases["C"]
    steps = [
        (at(1, 10), lambda: app.report_case_progress(case_id=b, report=REPORT, by=filler(t02))),
        (at(2, 10), lambda: app.report_rectification(case_id=b, report=REPORT, by=filler(t02))),
        (at(2, 11), lambda: app.verify_rectification(case_id=b, passed=True, by=REVIEWER)),
        (at(2, 12), lambda: app.close_case(case_id=b, by=SUPERVISION)),
        (at(2, 20), lambda: app.escalate_case(case_id=c, proposal="建议追责", by=SUPERVISION)),
    ]
    for moment, step in steps:
        clock.set(moment)
        step()
    runner.catch_up()
    return {"units": (t01, t02), "cases": cases, "first": first}


def row(app: AssessmentApplication, case: UUID, as_of: int | None = None) -> tuple:
    (found,) = [r for r in app.supervision_ledger(year=YEAR, as_of=as_of) if r.case_id == str(case)]
    return found.state, found.status, found.overdue_days, found.missed_reports


def test_each_case_with_its_state_days_overdue_and_missed_reports(
    app: AssessmentApplication, year: dict
) -> None:
    cases = year["cases"]
    # as of 20 February 10:00. A: due at 1 February 00:00, 19 days 10 hours → 20 begun
    # days; reports were due on 16 and 26 January, 5 and 15 February (09:00): 4 missed
    assert row(app, cases["A"]) == ("committed", "overdue", 20, 4)
    # B: due every 3 days from 9 January to 8 February (11 reports) until its
    # rectification on 10 February; the one of 10 January met the one due on the 12th
    assert row(app, cases["B"]) == ("closed", "closed", 0, 10)
    # C: due daily from 7 January to 20 February 09:00 (45), none made; escalated on 20
    # February 10:00, 4 days 10 hours after its due moment: 5 begun days
    assert row(app, cases["C"]) == ("escalated", "escalated", 5, 45)


def test_the_ledger_counts_cases_per_unit_and_level_and_filters_them(
    app: AssessmentApplication, year: dict
) -> None:
    t01, t02 = (str(unit) for unit in year["units"])
    counts = {(c.unit_id, c.level): (c.open, c.overdue, c.escalated, c.closed)
              for c in app.supervision_counts(year=YEAR)}  # fmt: skip
    assert counts == {
        (t01, "general"): (0, 1, 0, 0),
        (t01, "special"): (0, 0, 1, 0),
        (t02, "key"): (0, 0, 0, 1),
    }
    overdue = app.supervision_ledger(year=YEAR, status="overdue")
    assert [r.case_id for r in overdue] == [str(year["cases"]["A"])]
    assert {r.case_id for r in app.supervision_ledger(year=YEAR, unit_id=year["units"][0])} == {
        str(year["cases"]["A"]),
        str(year["cases"]["C"]),
    }
    with pytest.raises(errors.InvalidInput) as caught:
        app.supervision_ledger(year=YEAR, level="urgent")
    assert caught.value.field == "level"
    with pytest.raises(errors.InvalidInput) as caught:
        app.supervision_ledger(year=YEAR, status="late")
    assert caught.value.field == "status"


def test_the_ledger_reads_as_it_stood_at_an_earlier_checkpoint(
    app: AssessmentApplication, year: dict
) -> None:
    cases = year["cases"]
    for case in cases.values():  # 6 January: nothing due yet
        assert row(app, case, as_of=year["first"]) == ("committed", "open", 0, 0)
    # as of 10 February 10:00 (B's rectification): A 9 days 10 hours past → 10 days,
    # 3 reports missed (16, 26 January, 5 February)
    february_10 = app.as_of(at=at(2, 10, 12))
    assert row(app, cases["A"], as_of=february_10) == ("committed", "overdue", 10, 3)
    assert row(app, cases["B"], as_of=february_10)[:2] == ("rectified", "open")


def urgings(runner: ProjectionRunner, case: UUID) -> list[tuple[str, str, str]]:
    with runner.store.transaction() as tx:
        rows = tx.rows(
            f"SELECT level, recipient_role, recipient_name FROM {TABLE} WHERE case_id = %s "
            "ORDER BY position, id",
            (str(case),),
        )
    return [(str(level), str(role), str(name)) for level, role, name in rows]


def test_the_overdue_case_and_each_missed_report_are_urged_once_through_a_rebuild(
    app: AssessmentApplication, year: dict, runner: ProjectionRunner, store_url: str
) -> None:
    a = urgings(runner, year["cases"]["A"])
    assert a.count(("case_overdue", "main_leader", "主要领导")) == 1
    assert a.count(("case_progress_missed", "main_leader", "主要领导")) == 4
    assert len(a) == 5
    # B is urged for its 10 missed reports until it was closed; C for the reports it
    # missed up to the last batch before its escalation (12 February: 37 days)
    assert len(urgings(runner, year["cases"]["B"])) == 10
    assert len(urgings(runner, year["cases"]["C"])) == 37
    with runner.store.transaction() as tx:
        before = sorted(tx.rows(f"SELECT * FROM {TABLE}"))

    again = projection_runner(app, Settings(store_url))
    again.rebuild([])
    again.start()
    again.catch_up()
    with again.store.transaction() as tx:
        assert sorted(tx.rows(f"SELECT * FROM {TABLE}")) == before
    again.log.close()  # type: ignore[attr-defined]
