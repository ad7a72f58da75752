"""Seed 001's seven user types as duties: who may do what, and that a unit user acts only
for its own unit. Inspectors and the public read or evaluate; they decide nothing."""

from __future__ import annotations

from uuid import uuid4

from domain import errors
from domain.actors import DUTIES, REVIEW_ROLES, Duty, require_duty, require_own_unit
from domain.vocabulary import REVIEW_ORDER, ReviewLevel, Role
from tests.unit.helpers import refused


def test_inspectors_hold_no_duty() -> None:
    for duty in Duty:
        with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
            require_duty(Role.INSPECTOR, duty)


def test_the_public_only_submits_a_satisfaction_evaluation_by_token() -> None:
    public_duties = {duty for duty in Duty if Role.PUBLIC in DUTIES[duty]}
    assert public_duties == {Duty.SUBMIT_PUBLIC_EVALUATION}
    assert DUTIES[Duty.SUBMIT_PUBLIC_EVALUATION] == {Role.PUBLIC}


def test_every_duty_names_at_least_one_role() -> None:
    assert set(DUTIES) == set(Duty)
    assert all(DUTIES[duty] for duty in Duty)


def test_a_unit_reports_proposes_and_answers_but_assigns_and_verifies_nothing() -> None:
    unit_duties = {duty for duty in Duty if Role.UNIT in DUTIES[duty]}
    assert unit_duties == {
        Duty.PROPOSE_TARGET,
        Duty.REPORT_PROGRESS,
        Duty.ANSWER_CASE,  # its own cases: commitment, progress, rectification
        Duty.SUBMIT_EVALUATION,  # as a listed evaluator, e.g. in a mutual evaluation
        Duty.SUBMIT_SELF_CHECK,
        Duty.RAISE_OBJECTION,
    }


def test_supervision_cases_are_opened_escalated_and_closed_by_the_supervision_office() -> None:
    for duty in (Duty.OPEN_CASE, Duty.ESCALATE_CASE, Duty.CLOSE_CASE, Duty.ISSUE_CASE_NOTICE):
        assert DUTIES[duty] == {Role.SUPERVISION_OFFICE}
    assert DUTIES[Duty.VERIFY_RECTIFICATION] == {Role.REVIEWER, Role.SUPERVISION_OFFICE}


def test_sanctions_are_the_supervision_offices_alone() -> None:
    assert DUTIES[Duty.IMPOSE_SANCTION] == {Role.SUPERVISION_OFFICE}
    assert DUTIES[Duty.REVOKE_SANCTION] == {Role.SUPERVISION_OFFICE}
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        require_duty(Role.LEADER, Duty.IMPOSE_SANCTION)


def test_the_four_review_levels_are_decided_by_reviewer_office_leader_leader() -> None:
    assert [REVIEW_ROLES[level] for level in REVIEW_ORDER] == [
        Role.REVIEWER,
        Role.ASSESSMENT_OFFICE,
        Role.LEADER,
        Role.LEADER,
    ]
    assert REVIEW_ORDER[0] is ReviewLevel.BUSINESS_DEPARTMENT
    assert REVIEW_ORDER[-1] is ReviewLevel.LEADING_GROUP


def test_a_unit_user_acts_only_for_its_own_unit() -> None:
    mine, theirs = uuid4(), uuid4()
    require_own_unit(Role.UNIT, mine, mine)
    with refused(None, errors.Forbidden, "FORBIDDEN", "unit_id"):
        require_own_unit(Role.UNIT, mine, theirs)
    with refused(None, errors.Forbidden, "FORBIDDEN", "unit_id"):
        require_own_unit(Role.UNIT, None, theirs)


def test_office_roles_act_for_any_unit() -> None:
    for role in (Role.ASSESSMENT_OFFICE, Role.REVIEWER, Role.LEADER):
        require_own_unit(role, None, uuid4())
