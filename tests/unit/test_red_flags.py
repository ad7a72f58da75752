"""The month's red flags (流动红旗, seed 000 南江县): in principle one department and one
town a month, so one flag per slot and month, for a category the rulebook gives a slot."""

from __future__ import annotations

import pytest

from domain import errors
from domain.incentives.red_flag import RedFlagRound
from domain.periods import Period
from domain.vocabulary import Role
from tests.unit.helpers import (
    DEPARTMENT,
    OTHER_TOWN,
    TOWN,
    YEAR_ID,
    office,
    refused,
    rulebook,
    stamp,
)

THEME = "项目建设攻坚月"


def _round(month: int = 3) -> RedFlagRound:
    flags = RedFlagRound.open(year_id=YEAR_ID, month=Period.month(2025, month), stamp=office())
    flags.collect_events()
    return flags


def test_one_department_and_one_town_carry_the_months_red_flags() -> None:
    flags = _round()
    flags.award(unit_id=TOWN, category="town", theme=THEME, rulebook=rulebook(), stamp=office())
    flags.award(
        unit_id=DEPARTMENT,
        category="government_department",
        theme=THEME,
        rulebook=rulebook(),
        stamp=office(),
    )
    assert flags.awarded == {"town": TOWN, "department": DEPARTMENT}
    [first, _] = flags.collect_events()
    assert first.meta.effective_period == "2025-03"


def test_a_second_town_does_not_get_the_same_months_flag() -> None:
    flags = _round()
    flags.award(unit_id=TOWN, category="town", theme=THEME, rulebook=rulebook(), stamp=office())
    with refused(flags, errors.RedFlagLimitReached, "RED_FLAG_LIMIT_REACHED", "unit_id"):
        flags.award(
            unit_id=OTHER_TOWN, category="town", theme=THEME, rulebook=rulebook(), stamp=office()
        )


def test_the_department_slot_is_shared_by_every_department_category() -> None:
    flags = _round()
    flags.award(
        unit_id=DEPARTMENT,
        category="party_department",
        theme=THEME,
        rulebook=rulebook(),
        stamp=office(),
    )
    with refused(flags, errors.RedFlagLimitReached, "RED_FLAG_LIMIT_REACHED", "unit_id"):
        flags.award(
            unit_id=OTHER_TOWN,
            category="stationed_unit",
            theme=THEME,
            rulebook=rulebook(),
            stamp=office(),
        )


def test_next_months_round_awards_the_slot_afresh() -> None:
    march, april = _round(3), _round(4)
    march.award(unit_id=TOWN, category="town", theme=THEME, rulebook=rulebook(), stamp=office())
    april.award(unit_id=TOWN, category="town", theme=THEME, rulebook=rulebook(), stamp=office())
    assert april.awarded == {"town": TOWN}
    assert march.id != april.id


def test_a_category_without_a_red_flag_slot_gets_no_flag() -> None:
    flags = _round()
    with refused(flags, errors.InvalidInput, "INVALID_INPUT", "unit_id"):
        flags.award(
            unit_id=TOWN,
            category="state_enterprise",
            theme=THEME,
            rulebook=rulebook(),
            stamp=office(),
        )


@pytest.mark.parametrize("theme", ["", "   ", "主" * 121])
def test_a_red_flag_has_a_theme_of_1_to_120_characters(theme: str) -> None:
    flags = _round()
    with refused(flags, errors.InvalidInput, "INVALID_INPUT", "theme"):
        flags.award(unit_id=TOWN, category="town", theme=theme, rulebook=rulebook(), stamp=office())


@pytest.mark.parametrize("role", [Role.LEADER, Role.SUPERVISION_OFFICE, Role.REVIEWER])
def test_only_the_assessment_office_awards_red_flags(role: Role) -> None:
    flags = _round()
    with refused(flags, errors.Forbidden, "FORBIDDEN", "by.role"):
        flags.award(
            unit_id=TOWN, category="town", theme=THEME, rulebook=rulebook(), stamp=stamp(role)
        )
