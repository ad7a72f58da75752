"""Bonuses (加分) and sanctions (问责): the decision is the fact, so it carries points or
an article, a reason and a basis, and is revoked once, by a later event, never deleted."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

import pytest

from domain import errors
from domain.incentives.bonus import Bonus
from domain.incentives.deduction_notice import DeductionNotice
from domain.incentives.sanction import Sanction
from domain.vocabulary import Role, SanctionKind
from tests.unit.helpers import TOWN, YEAR_ID, event_names, office, refused, stamp

BASIS = "县委办〔2025〕12号：省级试点创新"


def _grant(points: str = "0.5", basis: str = BASIS, **kw: object) -> Bonus:
    arguments: dict[str, object] = {"stamp": stamp(Role.LEADER, reason="领导小组研究决定")}
    arguments.update(kw)
    return Bonus.grant(
        id=uuid4(),
        year_id=YEAR_ID,
        unit_id=TOWN,
        points=Decimal(points),
        basis=basis,
        **arguments,
    )


@pytest.mark.parametrize("points", ["0.01", "0.5", "5", "100"])
def test_a_bonus_of_up_to_100_points_with_two_decimals_is_granted(points: str) -> None:
    bonus = _grant(points)
    assert bonus.points == Decimal(points)
    assert event_names(bonus) == ["Granted"]


@pytest.mark.parametrize("points", ["0", "-0.5", "100.01", "0.125", "NaN", "Infinity"])
def test_a_bonus_outside_0_to_100_or_finer_than_a_hundredth_is_refused(points: str) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "points"):
        _grant(points)


def test_a_bonus_needs_a_reason() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "reason"):
        _grant(stamp=stamp(Role.LEADER, reason="  "))


def test_a_bonus_needs_a_basis() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "basis"):
        _grant(basis="")


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.SUPERVISION_OFFICE, Role.UNIT])
def test_only_the_office_or_a_leader_grants_a_bonus(role: Role) -> None:
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        _grant(stamp=stamp(role, unit=TOWN, reason="自评加分"))


def test_a_bonus_is_revoked_once_and_with_a_reason() -> None:
    bonus = _grant()
    bonus.collect_events()
    with refused(bonus, errors.InvalidInput, "INVALID_INPUT", "reason"):
        bonus.revoke(stamp=office())
    bonus.revoke(stamp=office(reason="加分依据被上级撤销"))
    assert bonus.revoked
    with refused(bonus, errors.BonusStateInvalid, "BONUS_STATE_INVALID", "bonus_id"):
        bonus.revoke(stamp=office(reason="再次撤销"))


def _impose(**kw: object) -> Sanction:
    arguments: dict[str, object] = {
        "kind": SanctionKind.NOTIFICATION,
        "person": None,
        "article": "第十二条",
        "unit_existed": True,
        "stamp": stamp(Role.SUPERVISION_OFFICE, reason="重点项目进度滞后被全县通报"),
    }
    arguments.update(kw)
    return Sanction.impose(id=uuid4(), year_id=YEAR_ID, unit_id=TOWN, **arguments)


def test_a_sanction_may_name_a_person() -> None:
    sanction = _impose(kind=SanctionKind.ADMONISHMENT, person="张三")
    assert event_names(sanction) == ["Imposed"]


def test_a_unit_is_not_sanctioned_in_a_year_it_did_not_exist() -> None:
    with refused(None, errors.UnitNotInYear, "UNIT_NOT_IN_YEAR", "unit_id"):
        _impose(unit_existed=False)


def test_a_sanction_needs_a_reason_and_an_article() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "reason"):
        _impose(stamp=stamp(Role.SUPERVISION_OFFICE))
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "article"):
        _impose(article=" ")


def test_a_named_person_is_not_blank() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "person"):
        _impose(person="  ")


@pytest.mark.parametrize("role", [Role.ASSESSMENT_OFFICE, Role.LEADER, Role.REVIEWER])
def test_only_the_supervision_office_imposes_sanctions(role: Role) -> None:
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        _impose(stamp=stamp(role, reason="通报"))


def test_a_sanction_is_revoked_once_when_an_appeal_is_upheld() -> None:
    sanction = _impose()
    sanction.collect_events()
    supervision = stamp(Role.SUPERVISION_OFFICE)
    with refused(sanction, errors.InvalidInput, "INVALID_INPUT", "reason"):
        sanction.revoke(stamp=supervision)
    with refused(sanction, errors.Forbidden, "FORBIDDEN", "by.role"):
        sanction.revoke(stamp=office(reason="申诉成立"))
    sanction.revoke(stamp=supervision.because("申诉成立，经复核撤销"))
    assert sanction.revoked
    with refused(sanction, errors.SanctionStateInvalid, "SANCTION_STATE_INVALID", "sanction_id"):
        sanction.revoke(stamp=supervision.because("再次撤销"))


def _issue(article: str = "日常督考第3条", reason: str | None = "会议缺席") -> DeductionNotice:
    return DeductionNotice.issue(
        id=uuid4(),
        year_id=YEAR_ID,
        unit_id=TOWN,
        article=article,
        stamp=stamp(Role.SUPERVISION_OFFICE, reason=reason),
    )


def test_a_deduction_notice_needs_a_reason_and_an_article() -> None:
    assert event_names(_issue()) == ["Issued"]
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "reason"):
        _issue(reason=None)
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "article"):
        _issue(article="")


def test_a_reviewer_does_not_issue_deduction_notices() -> None:
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        DeductionNotice.issue(
            id=uuid4(),
            year_id=YEAR_ID,
            unit_id=TOWN,
            article="第3条",
            stamp=stamp(Role.REVIEWER, reason="缺席"),
        )
