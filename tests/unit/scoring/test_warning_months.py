"""A target is warned about a month once that month is reported on or over: the month in
progress, with no report yet, is not behind its month-end schedule (seed 001 格尔木
warns on the monthly reports)."""

from __future__ import annotations

from domain.scoring.engine import score_year
from domain.vocabulary import WarningLevel
from tests.builders import quantitative, standard_rulebook
from tests.unit.scoring.year_builder import YearBuilder, at


def warned(b: YearBuilder, target: object) -> dict[str, WarningLevel]:
    result = score_year(b.events, standard_rulebook())
    return {w.month: w.level for w in result.warnings if w.target_id == target}


def test_a_target_approved_this_month_is_not_warned_about_before_it_reports() -> None:
    b = YearBuilder(standard_rulebook())
    unit = b.unit("T1", "town")
    road = b.target(unit, quantitative(weight="100", goal="12"), when=at(1, 6))

    assert warned(b, road) == {}


def test_a_report_behind_schedule_is_warned_about_in_its_own_month() -> None:
    b = YearBuilder(standard_rulebook())
    unit = b.unit("T1", "town")
    road = b.target(unit, quantitative(weight="100", goal="12"), when=at(1, 6))
    b.report(unit, road, 1, value="0.85", verify=None, when=at(1, 20))  # 1 km planned: 15%

    assert warned(b, road) == {"2025-01": WarningLevel.BELL}


def test_a_month_that_ended_without_a_report_is_warned_about() -> None:
    b = YearBuilder(standard_rulebook())
    unit = b.unit("T1", "town")
    road = b.target(unit, quantitative(weight="100", goal="12"), when=at(1, 6))
    b.report(unit, road, 1, value="0.85", verify=None, when=at(1, 20))
    b.bonus(unit, "0.5", month=3)  # anything recorded in March: February has ended

    # February: 2 km planned, still 0.85 said — 57.5% behind, 红牌; March is in progress
    assert warned(b, road) == {"2025-01": WarningLevel.BELL, "2025-02": WarningLevel.RED}
