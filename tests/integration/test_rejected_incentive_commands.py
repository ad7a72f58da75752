"""No event is stored for a rejected command (issue 3, point 5): bonuses, red flags,
deduction notices and sanctions, through the application on both stores."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.actors import Actor
from domain.ids import red_flag_round_id, unit_id, year_id
from domain.incentives.red_flag import RedFlagRound
from domain.vocabulary import SanctionKind
from tests.builders import (
    LEADER,
    OFFICE,
    REVIEWER,
    SUPERVISION,
    YEAR,
    enrolled_unit,
    new_unit,
    open_year,
)
from tests.scenarios import assert_rejected, topics

JANUARY = f"{YEAR}-01"


@pytest.fixture
def unit(app: AssessmentApplication) -> UUID:
    open_year(app)
    return enrolled_unit(app, "T01")


def grant(app: AssessmentApplication, unit: UUID, points: str = "0.5", **extra: str) -> UUID:
    return app.grant_bonus(
        year=YEAR,
        unit_id=unit,
        points=Decimal(points),
        reason="招商引资创新",
        basis=extra.pop("basis", "县委常委会纪要"),
        by=LEADER,
        **extra,
    )


def test_grant_bonus_rejected_creates_no_bonus(app: AssessmentApplication, unit: UUID) -> None:
    assert_rejected(app, errors.InvalidInput, "points", lambda: grant(app, unit, "0"))
    assert_rejected(app, errors.InvalidInput, "points", lambda: grant(app, unit, "0.125"))
    assert_rejected(app, errors.InvalidInput, "basis", lambda: grant(app, unit, basis=" "))
    assert_rejected(
        app,
        errors.InvalidInput,
        "amendment_reason",
        lambda: grant(app, unit, amendment_reason="年度尚未定稿"),
    )
    stranger = app.register_unit(unit=new_unit("T02"), since_year=YEAR, by=OFFICE)
    assert_rejected(app, errors.NotEnrolled, "unit_id", lambda: grant(app, stranger))
    assert "Granted" not in topics(app)


def test_revoke_a_bonus_twice_or_one_that_does_not_exist(
    app: AssessmentApplication, unit: UUID
) -> None:
    bonus = grant(app, unit)

    def revoke(bonus_id: UUID, reason: str = "申诉成立") -> UUID:
        return app.revoke_bonus(bonus_id=bonus_id, reason=reason, by=LEADER)

    assert_rejected(app, errors.InvalidInput, "reason", lambda: revoke(bonus, " "))
    revoke(bonus)
    assert_rejected(app, errors.BonusStateInvalid, "bonus_id", lambda: revoke(bonus))
    assert_rejected(app, errors.NotFound, "bonus_id", lambda: revoke(unit))


def test_a_second_town_flag_in_a_month_and_a_first_flag_rejected(
    app: AssessmentApplication, unit: UUID
) -> None:
    other_town = enrolled_unit(app, "T02")

    def award(to: UUID, theme: str = "项目攻坚") -> UUID:
        return app.award_red_flag(year=YEAR, period=JANUARY, unit_id=to, theme=theme, by=OFFICE)

    assert_rejected(app, errors.InvalidInput, "theme", lambda: award(unit, " "))
    the_round = red_flag_round_id(year_id(app.jurisdiction, YEAR), JANUARY)
    assert app.find(RedFlagRound, the_round) is None
    award(unit)
    assert_rejected(app, errors.RedFlagLimitReached, "unit_id", lambda: award(other_town))
    assert_rejected(
        app,
        errors.Forbidden,
        "by.role",
        lambda: app.award_red_flag(
            year=YEAR, period=f"{YEAR}-02", unit_id=unit, theme="项目攻坚", by=REVIEWER
        ),
    )
    assert (
        app.find(RedFlagRound, red_flag_round_id(year_id(app.jurisdiction, YEAR), f"{YEAR}-02"))
        is None
    )


def test_issue_a_deduction_notice_without_article_or_as_a_reviewer(
    app: AssessmentApplication, unit: UUID
) -> None:
    def issue(article: str, by: Actor = SUPERVISION) -> UUID:
        return app.issue_deduction_notice(
            year=YEAR, unit_id=unit, reason="会议缺席", article=article, by=by
        )

    assert_rejected(app, errors.InvalidInput, "article", lambda: issue(" "))
    assert_rejected(app, errors.Forbidden, "by.role", lambda: issue("第十二条", by=REVIEWER))
    assert "Issued" not in topics(app)


def test_impose_a_sanction_on_a_unit_that_did_not_exist_that_year(
    app: AssessmentApplication, unit: UUID
) -> None:
    later = app.register_unit(unit=new_unit("T09"), since_year=YEAR + 1, by=OFFICE)

    def impose(target: UUID, person: str | None = None) -> UUID:
        return app.impose_sanction(
            year=YEAR,
            unit_id=target,
            kind=SanctionKind.INTERVIEW,
            reason="进度滞后",
            article="第十五条",
            person=person,
            by=SUPERVISION,
        )

    assert_rejected(app, errors.UnitNotInYear, "unit_id", lambda: impose(later))
    assert_rejected(app, errors.InvalidInput, "person", lambda: impose(unit, " "))
    assert_rejected(
        app, errors.NotFound, "unit_id", lambda: impose(unit_id(app.jurisdiction, "nobody"))
    )
    assert "Imposed" not in topics(app)


def test_revoke_a_sanction_twice_or_without_the_upheld_appeal(
    app: AssessmentApplication, unit: UUID
) -> None:
    sanction = app.impose_sanction(
        year=YEAR,
        unit_id=unit,
        kind=SanctionKind.NOTIFICATION,
        reason="进度滞后",
        article="第十五条",
        by=SUPERVISION,
    )

    def revoke(reason: str) -> UUID:
        return app.revoke_sanction(sanction_id=sanction, reason=reason, by=SUPERVISION)

    assert_rejected(app, errors.InvalidInput, "reason", lambda: revoke(""))
    revoke("申诉成立，撤销通报")
    assert_rejected(app, errors.SanctionStateInvalid, "sanction_id", lambda: revoke("再次撤销"))
