"""Supervision cases through the application on both stores: a case runs its course, and
every rejected command stores nothing (issue 7, point 1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.actors import Actor
from domain.periods import OFFICE_TZ
from domain.supervision.case import SupervisionCase
from domain.supervision.matter import CaseMatter, CaseReport
from domain.supervision.states import CaseState
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel, NoticeColour
from infrastructure.clock import ManualClock
from tests.builders import (
    OFFICE,
    REVIEWER,
    SUPERVISION,
    YEAR,
    approved_target,
    enrolled_unit,
    filler,
    new_unit,
    open_year,
    quantitative,
)
from tests.scenarios import assert_rejected, event_count, finalized_year, topics

MATTER = CaseMatter(
    title="重点项目征地拆迁滞后",
    requirement="4月底前完成剩余23户签约",
    source=CaseSource.LEADER_INSTRUCTION,
    source_ref="县长批示〔2025〕7号",
)
DEADLINE = date(YEAR, 4, 30)
REPORT = CaseReport(narrative="已签约15户")


@pytest.fixture
def units(app: AssessmentApplication) -> tuple[UUID, UUID]:
    open_year(app)
    return enrolled_unit(app, "T01"), enrolled_unit(app, "D01", "government_department")


def open_case(app: AssessmentApplication, lead: UUID, **extra: object) -> UUID:
    arguments: dict[str, object] = {
        "year": YEAR,
        "matter": MATTER,
        "attention_level": AttentionLevel.KEY,
        "lead_unit": lead,
        "deadline": DEADLINE,
        "by": SUPERVISION,
    }
    arguments.update(extra)
    return app.open_case(**arguments)  # type: ignore[arg-type]


def rectified(app: AssessmentApplication, lead: UUID) -> UUID:
    case = open_case(app, lead)
    app.assign_case(case_id=case, instructions="挂账督办，三日一报", by=SUPERVISION)
    app.commit_to_case(case_id=case, promised_on=DEADLINE, measures="专班推进", by=filler(lead))
    app.report_case_progress(case_id=case, report=REPORT, by=filler(lead))
    app.report_rectification(case_id=case, report=REPORT, by=filler(lead))
    return case


def test_a_case_runs_from_opening_to_closure_and_stores_each_step(
    app: AssessmentApplication, units: tuple[UUID, UUID], clock: ManualClock
) -> None:
    town, department = units
    target = approved_target(app, town, quantitative())
    before = event_count(app)
    case = open_case(app, town, cooperating_units=[department], target_id=target)
    app.assign_case(case_id=case, instructions="挂账督办", by=SUPERVISION)
    app.issue_case_notice(case_id=case, colour=NoticeColour.BLUE, text="蓝色督办", by=SUPERVISION)
    app.commit_to_case(case_id=case, promised_on=DEADLINE, measures="专班推进", by=filler(town))
    clock.advance(timedelta(days=2))
    app.report_case_progress(case_id=case, report=REPORT, by=filler(town))
    app.inspect_case(case_id=case, visited_on=clock.now().date(), findings="属实", by=SUPERVISION)
    app.report_rectification(case_id=case, report=REPORT, by=filler(town))
    app.verify_rectification(case_id=case, passed=True, by=REVIEWER)
    app.close_case(case_id=case, by=SUPERVISION)
    assert topics(app, before) == [
        "Opened",
        "Assigned",
        "NoticeIssued",
        "Committed",
        "ProgressReported",
        "InspectedOnSite",
        "RectificationReported",
        "VerificationPassed",
        "Closed",
    ]
    stored = app.read(SupervisionCase, case, field="case_id")
    assert stored.state is CaseState.CLOSED
    assert stored.overdue(datetime(YEAR, 12, 31, tzinfo=OFFICE_TZ)) is None


def test_a_case_closed_before_verification_stores_nothing(
    app: AssessmentApplication, units: tuple[UUID, UUID]
) -> None:
    case = rectified(app, units[0])
    assert_rejected(
        app,
        errors.CaseStateInvalid,
        "case_id",
        lambda: app.close_case(case_id=case, by=SUPERVISION),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "reason",
        lambda: app.verify_rectification(case_id=case, passed=False, by=REVIEWER),
    )
    assert app.read(SupervisionCase, case, field="case_id").state is CaseState.RECTIFIED


def test_open_case_for_a_stranger_another_units_target_or_by_a_reviewer(
    app: AssessmentApplication, units: tuple[UUID, UUID]
) -> None:
    town, department = units
    targets_of_department = approved_target(app, department, quantitative())
    stranger = app.register_unit(unit=new_unit("X01"), since_year=YEAR, by=OFFICE)
    assert_rejected(app, errors.NotEnrolled, "lead_unit", lambda: open_case(app, stranger))
    assert_rejected(
        app,
        errors.NotFound,
        "target_id",
        lambda: open_case(app, town, target_id=targets_of_department),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "deadline",
        lambda: open_case(app, town, deadline=date(YEAR, 1, 1)),
    )
    assert_rejected(app, errors.Forbidden, "by.role", lambda: open_case(app, town, by=REVIEWER))
    assert_rejected(
        app,
        errors.InvalidInput,
        "amendment_reason",
        lambda: open_case(app, town, amendment_reason="补录"),
    )


def test_only_the_lead_unit_answers_and_only_in_order(
    app: AssessmentApplication, units: tuple[UUID, UUID]
) -> None:
    town, department = units
    case = open_case(app, town, cooperating_units=[department])

    def commit(by: Actor) -> UUID:
        return app.commit_to_case(case_id=case, promised_on=DEADLINE, measures="推进", by=by)

    assert_rejected(app, errors.CaseStateInvalid, "case_id", lambda: commit(filler(town)))
    app.assign_case(case_id=case, instructions="交办", by=SUPERVISION)
    assert_rejected(app, errors.Forbidden, "case_id", lambda: commit(filler(department)))
    assert_rejected(
        app,
        errors.CaseStateInvalid,
        "case_id",
        lambda: app.report_rectification(case_id=case, report=REPORT, by=filler(town)),
    )
    assert_rejected(
        app,
        errors.NotFound,
        "case_id",
        lambda: app.assign_case(case_id=town, instructions="交办", by=SUPERVISION),
    )


def test_a_case_of_a_finalized_year_changes_only_by_an_amendment(
    app: AssessmentApplication, units: tuple[UUID, UUID], clock: ManualClock
) -> None:
    town, department = units
    case = open_case(app, town)
    app.assign_case(case_id=case, instructions="交办", by=SUPERVISION)
    finalized_year(app, clock, town, department)

    def escalate(**extra: str) -> UUID:
        return app.escalate_case(case_id=case, proposal="建议追责", by=SUPERVISION, **extra)

    assert_rejected(app, errors.YearFinalized, "amendment_reason", escalate)
    before = event_count(app)
    escalate(amendment_reason="年终后查实推诿拖沓，补充追责建议")
    assert sorted(topics(app, before)) == ["AmendedAfterFinalization", "Escalated"]
    assert app.read(SupervisionCase, case, field="case_id").state is CaseState.ESCALATED
