"""A supervision case (督办事项) goes opened → assigned (交办) → committed (承诺) → in
progress → rectified (整改报告) → verified (核查) → closed (销号), or is escalated with an
accountability proposal (追责建议); a step out of order is refused and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain import errors
from domain.supervision.case import SupervisionCase
from domain.supervision.states import CaseState, CaseStep
from domain.vocabulary import AttentionLevel, NoticeColour, Role
from tests.unit.helpers import (
    DEPARTMENT,
    JAN_6,
    OTHER_TOWN,
    TOWN,
    YEAR_ID,
    event_names,
    refused,
    stamp,
    unit_user,
)
from tests.unit.supervision_helpers import (
    DEADLINE,
    ENROLLED,
    MATTER,
    REPORT,
    opened_case,
    supervision,
    take,
)

S = CaseStep
TO_RECTIFIED = (S.ASSIGN, S.COMMIT, S.REPORT_PROGRESS, S.REPORT_RECTIFICATION)


def test_a_case_runs_from_opening_to_closure_in_order() -> None:
    case = opened_case()
    states = [case.state]
    for step in (*TO_RECTIFIED, S.PASS_VERIFICATION, S.CLOSE):
        take(case, step)
        states.append(case.state)
    assert states == [
        CaseState.OPENED,
        CaseState.ASSIGNED,
        CaseState.COMMITTED,
        CaseState.IN_PROGRESS,
        CaseState.RECTIFIED,
        CaseState.VERIFIED,
        CaseState.CLOSED,
    ]


def test_a_case_closed_before_verification_is_refused() -> None:
    case = opened_case()
    take(case, *TO_RECTIFIED)
    with refused(case, errors.CaseStateInvalid, "CASE_STATE_INVALID", "case_id"):
        case.close(stamp=supervision())
    assert case.state is CaseState.RECTIFIED


def test_a_unit_reports_progress_only_after_its_commitment() -> None:
    case = opened_case()
    take(case, S.ASSIGN)
    with refused(case, errors.CaseStateInvalid, "CASE_STATE_INVALID", "case_id"):
        case.report_progress(report=REPORT, stamp=unit_user(TOWN))


def test_only_the_lead_unit_answers_its_case() -> None:
    case = opened_case()
    take(case, S.ASSIGN)
    for other in (DEPARTMENT, OTHER_TOWN):  # a cooperating unit, and a stranger
        with refused(case, errors.Forbidden, "FORBIDDEN", "case_id"):
            case.commit(promised_on=DEADLINE, measures="配合", stamp=unit_user(other))


@pytest.mark.parametrize("role", [Role.UNIT, Role.LEADER, Role.ASSESSMENT_OFFICE])
def test_only_a_reviewer_or_the_supervision_office_verifies(role: Role) -> None:
    case = opened_case()
    take(case, *TO_RECTIFIED)
    with refused(case, errors.Forbidden, "FORBIDDEN", "by.role"):
        case.verify(passed=True, stamp=stamp(role, unit=TOWN))


@pytest.mark.parametrize("role", [Role.UNIT, Role.REVIEWER, Role.ASSESSMENT_OFFICE])
def test_only_the_supervision_office_opens_escalates_and_closes(role: Role) -> None:
    case = opened_case()
    take(case, S.ASSIGN)
    with refused(case, errors.Forbidden, "FORBIDDEN", "by.role"):
        case.escalate(proposal="追责", persons=[], stamp=stamp(role, unit=TOWN))
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        SupervisionCase.open(
            id=uuid4(),
            year_id=YEAR_ID,
            matter=MATTER,
            attention_level=AttentionLevel.KEY,
            lead_unit=TOWN,
            cooperating_units=[],
            deadline=DEADLINE,
            target_id=None,
            enrolled=ENROLLED,
            stamp=stamp(role, unit=TOWN),
        )


def test_a_failed_verification_sends_the_unit_back_to_work_and_names_why() -> None:
    case = opened_case()
    take(case, *TO_RECTIFIED)
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "reason"):
        case.verify(passed=False, stamp=stamp(Role.REVIEWER))
    take(case, S.FAIL_VERIFICATION)
    assert case.state is CaseState.IN_PROGRESS
    take(case, S.REPORT_PROGRESS, S.REPORT_RECTIFICATION, S.PASS_VERIFICATION, S.CLOSE)
    assert case.state is CaseState.CLOSED


def test_an_escalated_case_ends_with_its_accountability_proposal() -> None:
    case = opened_case()
    take(case, S.ASSIGN, S.COMMIT)
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "proposal"):
        case.escalate(proposal=" ", persons=[], stamp=supervision())
    case.escalate(proposal="向县纪委监委发出追责建议函", persons=["张某"], stamp=supervision())
    assert [type(e).__name__ for e in case.collect_events()] == ["Escalated"]
    assert case.state is CaseState.ESCALATED
    for step in (S.CLOSE, S.REPORT_PROGRESS, S.ISSUE_NOTICE, S.ESCALATE):
        with refused(case, errors.CaseStateInvalid, "CASE_STATE_INVALID", "case_id"):
            take(case, step)


def test_an_unassigned_case_takes_no_notice_and_no_escalation() -> None:
    case = opened_case()
    for step in (S.ISSUE_NOTICE, S.ESCALATE, S.COMMIT, S.INSPECT):
        with refused(case, errors.CaseStateInvalid, "CASE_STATE_INVALID", "case_id"):
            take(case, step)


def test_a_deadline_notice_names_the_date_to_finish_by_and_coloured_notices_do_not() -> None:
    case = opened_case()
    take(case, S.ASSIGN)
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "complete_by"):
        case.issue_notice(
            colour=NoticeColour.DEADLINE, text="限期办结", complete_by=None, stamp=supervision()
        )
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "complete_by"):
        case.issue_notice(
            colour=NoticeColour.RED, text="红色督办", complete_by=DEADLINE, stamp=supervision()
        )
    later = DEADLINE + timedelta(days=20)
    case.issue_notice(
        colour=NoticeColour.DEADLINE, text="限期办结", complete_by=later, stamp=supervision()
    )
    case.issue_notice(
        colour=NoticeColour.RED, text="红色督办", complete_by=None, stamp=supervision()
    )
    assert event_names(case) == ["NoticeIssued", "NoticeIssued"]
    assert (case.notices, case.limit) == (2, later)


def test_a_commitment_promises_a_date_no_later_than_the_limit() -> None:
    case = opened_case()
    take(case, S.ASSIGN)
    too_late = DEADLINE + timedelta(days=1)
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "promised_on"):
        case.commit(promised_on=too_late, measures="倒排工期", stamp=unit_user(TOWN))
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "promised_on"):
        case.commit(promised_on=date(2025, 1, 5), measures="倒排工期", stamp=unit_user(TOWN))
    case.issue_notice(
        colour=NoticeColour.DEADLINE, text="限期办结", complete_by=too_late, stamp=supervision()
    )
    case.commit(promised_on=too_late, measures="倒排工期", stamp=unit_user(TOWN))
    assert case.state is CaseState.COMMITTED


def test_the_attention_level_is_adjusted_with_a_reason() -> None:
    case = opened_case()
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "reason"):
        case.adjust_attention_level(level=AttentionLevel.KEY, stamp=supervision())
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "level"):
        case.adjust_attention_level(level=AttentionLevel.GENERAL, stamp=supervision(reason="x"))
    case.adjust_attention_level(level=AttentionLevel.KEY, stamp=supervision(reason="进展缓慢"))
    assert case.level is AttentionLevel.KEY


def test_an_inspection_is_recorded_after_the_visit() -> None:
    case = opened_case()
    take(case, S.ASSIGN)
    with refused(case, errors.InvalidInput, "INVALID_INPUT", "visited_on"):
        case.inspect(visited_on=date(2025, 1, 7), findings="夜查", stamp=supervision())


def _open(**changes: object) -> SupervisionCase:
    arguments: dict[str, object] = {
        "lead_unit": TOWN,
        "cooperating_units": [DEPARTMENT],
        "deadline": DEADLINE,
        "enrolled": ENROLLED,
    }
    arguments.update(changes)
    return SupervisionCase.open(
        id=uuid4(),
        year_id=YEAR_ID,
        matter=MATTER,
        attention_level=AttentionLevel.GENERAL,
        target_id=None,
        stamp=supervision(),
        **arguments,  # type: ignore[arg-type]
    )


def test_a_case_is_opened_for_assessed_units_with_a_deadline_ahead() -> None:
    stranger = uuid4()
    with refused(None, errors.NotEnrolled, "NOT_ENROLLED", "lead_unit"):
        _open(lead_unit=stranger)
    with refused(None, errors.NotEnrolled, "NOT_ENROLLED", "cooperating_units"):
        _open(cooperating_units=[stranger])
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "cooperating_units"):
        _open(cooperating_units=[TOWN])
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "cooperating_units"):
        _open(cooperating_units=[DEPARTMENT, DEPARTMENT])
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "deadline"):
        _open(deadline=JAN_6.date() - timedelta(days=1))
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "matter.title"):
        SupervisionCase.open(
            id=uuid4(),
            year_id=YEAR_ID,
            matter=MATTER.model_copy(update={"title": "  "}),
            attention_level=AttentionLevel.GENERAL,
            lead_unit=TOWN,
            cooperating_units=[],
            deadline=DEADLINE,
            target_id=None,
            enrolled=ENROLLED,
            stamp=supervision(),
        )
    assert event_names(_open()) == ["Opened"]
