"""Seed 001's seven user types as duties: who may do what, and that a unit user acts only
for its own unit. Inspectors and the public read or evaluate; they decide nothing."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain import errors
from domain.actors import DUTIES, REVIEW_ROLES, Duty, require_duty, require_own_unit
from domain.vocabulary import REVIEW_ORDER, ReviewLevel, Role
from tests.unit.helpers import refused


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.PUBLIC])
def test_inspectors_and_the_public_hold_no_duty(role: Role) -> None:
    for duty in Duty:
        with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
            require_duty(role, duty)


def test_every_duty_names_at_least_one_role() -> None:
    assert set(DUTIES) == set(Duty)
    assert all(DUTIES[duty] for duty in Duty)


def test_a_unit_reports_and_proposes_but_assigns_and_verifies_nothing() -> None:
    unit_duties = {duty for duty in Duty if Role.UNIT in DUTIES[duty]}
    assert unit_duties == {Duty.PROPOSE_TARGET, Duty.REPORT_PROGRESS}


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
