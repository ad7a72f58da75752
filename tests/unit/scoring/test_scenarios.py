"""Scenarios in the seeds' terms (seed 000 南江县/经开区/平昌县, seed 001 格尔木, seed 002)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from uuid import UUID

import pytest

from domain.errors import InvalidInput
from domain.scoring.engine import score_year
from domain.scoring.result import YearResult
from domain.unit import Unit
from domain.vocabulary import Grade, Role
from tests.builders import person, qualitative, quantitative, standard_rulebook
from tests.unit.scoring.small_year import Op, PlannedUnit, build
from tests.unit.scoring.test_rulebooks import load
from tests.unit.scoring.year_builder import YearBuilder, at, stamp

TOWNS = [PlannedUnit("T1"), PlannedUnit("T2", value="90"), PlannedUnit("T3", value="80")]


def score(units: list[PlannedUnit], ops: Sequence[Op] = ()) -> tuple[YearResult, dict[str, UUID]]:
    events, ids = build(units, ops)
    return score_year(events, standard_rulebook()), ids


def total(result: YearResult, ids: dict[str, UUID], code: str) -> Decimal:
    return next(u.total for u in result.units if u.unit_id == ids[code])


def test_a_yellow_card_doubles_the_deduction() -> None:
    # 南江县: 受到黄牌警告的……同时加倍扣分处罚
    plain, ids = score(TOWNS)
    notified, _ = score(TOWNS, [Op("notification", "T2")])
    carded, _ = score(TOWNS, [Op("yellow_card", "T2")])
    notification = total(plain, ids, "T2") - total(notified, ids, "T2")
    yellow = total(plain, ids, "T2") - total(carded, ids, "T2")
    assert notification == Decimal("1.00")
    assert yellow == 2 * notification


def test_the_bonus_cap_holds_at_five_however_many_bonuses() -> None:
    # 经开区: 奖励加分（累计不超过5分）
    for count in (4, 5, 9):
        result, ids = score(TOWNS, [Op("bonus", "T3", points="1.5") for _ in range(count)])
        unit = result.unit(ids["T3"])
        bonus = sum(line.points for line in unit.lines if line.kind in ("bonus", "bonus_cap"))
        assert bonus == min(Decimal("1.5") * count, Decimal(5))
        assert unit.total == Decimal("88.00") + bonus  # T3: 60 × 80/100 + 40 = 88
        assert len([line for line in unit.lines if line.kind == "bonus"]) == count


def test_red_flags_are_not_under_the_bonus_cap() -> None:
    # 南江县's red flag (奖综合考核得分1分) is its own reward, not 经开区's 奖励加分
    ops = [Op("bonus", "T3", points="5"), Op("red_flag", "T3", month=3)]
    result, ids = score(TOWNS, ops)
    assert total(result, ids, "T3") == Decimal("88.00") + 5 + 1


def test_a_vetoed_unit_is_last_and_general() -> None:
    # 平昌县: 被“一票否决”的单位，取消当年评先选优资格
    result, ids = score(TOWNS, [Op("veto", "T1")])
    vetoed = result.unit(ids["T1"])
    assert vetoed.total == Decimal("100.00")
    assert (vetoed.rank, vetoed.grade, vetoed.awards_allowed) == (3, Grade.GENERAL, False)
    assert vetoed.grade_clause_id == "grade.override.veto"
    assert result.unit(ids["T2"]).rank == 1


def test_an_admonished_unit_with_the_top_score_is_not_excellent() -> None:
    # 格尔木: 因督查工作被诫勉的……不得评定为优秀等次
    towns = [*TOWNS, PlannedUnit("T4", value="70")]  # 4 towns: one excellent slot
    plain, ids = score(towns)
    assert plain.unit(ids["T1"]).grade is Grade.EXCELLENT
    admonished, _ = score(towns, [Op("admonishment", "T1")])
    top = admonished.unit(ids["T1"])
    assert (top.rank, top.total) == (1, Decimal("98.00"))
    assert (top.grade, top.grade_clause_id) == (Grade.GOOD, "grade.override.admonishment")


def test_accountability_makes_the_unit_general() -> None:
    # 格尔木: 被追责的直接确定为一般等次
    result, ids = score(TOWNS, [Op("accountability", "T1")])
    unit = result.unit(ids["T1"])
    assert (unit.total, unit.grade) == (Decimal("97.00"), Grade.GENERAL)


def test_a_zero_base_target_counts_only_new_achievement() -> None:
    # seed 002: 对年度新增的目标任务……只考核当年的成效
    zero = [PlannedUnit("T1", value="75", done=0, baseline="50")]
    continuous = [PlannedUnit("T1", value="75", done=0)]
    z, ids = score(zero)
    c, _ = score(continuous)
    # zero-base: 60 × (75 − 50) / (100 − 50) = 30; continuous: 60 × 75 / 100 = 45
    assert total(z, ids, "T1") == Decimal("30.00")
    assert total(c, ids, "T1") == Decimal("45.00")


def test_a_revoked_sanction_leaves_no_line_in_the_year() -> None:
    result, ids = score(TOWNS, [Op("notification", "T1", revoked_in=9)])
    unit = result.unit(ids["T1"])
    assert [line.kind for line in unit.lines] == ["target", "target"]
    assert unit.total == Decimal("100.00")


def consequences(years: list[int], order: list[str]) -> list[YearResult]:
    """Five towns ranked in the same order every year."""
    results: list[YearResult] = []
    for year in years:
        units = [PlannedUnit(code, value=str(100 - 5 * i)) for i, code in enumerate(order)]
        events, _ = build(units, year=year)
        results.append(score_year(events, standard_rulebook(), prior=results))
    return results


def test_consequences_across_years() -> None:
    # 南江县: 后三位检讨; 连续两年最后一位组织调整; 连续三年后三位引咎辞职
    # 格尔木: 考核第一名或连续两年为优秀
    order = ["T1", "T2", "T3", "T4", "T5"]
    first, second, third = consequences([2023, 2024, 2025], order)
    by_code = {u.code: u.consequences for u in third.units}
    assert by_code["T5"] == (
        "consequence.bottom_three_two_years",
        "consequence.last_two_years",
        "consequence.bottom_three_three_years",
    )
    assert by_code["T3"] == (
        "consequence.bottom_three_two_years",
        "consequence.bottom_three_three_years",
    )
    assert by_code["T2"] == ()
    assert by_code["T1"] == ("consequence.first_or_excellent_two_years",)
    assert {u.code: u.consequences for u in first.units}["T5"] == ()
    assert {u.code: u.consequences for u in second.units}["T4"] == (
        "consequence.bottom_three_two_years",
    )


def test_a_year_not_assessed_breaks_the_run() -> None:
    order = ["T1", "T2", "T3", "T4", "T5"]
    earlier = consequences([2023], order)
    units = [PlannedUnit(code, value=str(100 - 5 * i)) for i, code in enumerate(order)]
    events, _ = build(units, year=2025)
    result = score_year(events, standard_rulebook(), prior=earlier)
    assert {u.code: u.consequences for u in result.units}["T5"] == ()


def test_the_revised_rulebook_replays_the_same_facts_differently() -> None:
    events, ids = build(TOWNS, [Op("yellow_card", "T2"), Op("bonus", "T3", points="4")])
    standard = score_year(events, standard_rulebook())
    revised = score_year(events, load("revised-2025.yaml"))
    # yellow card 1 × 2 vs 1 × 3; bonus 4 within the cap of 5, held at the cap of 3
    assert total(standard, ids, "T2") - total(revised, ids, "T2") == Decimal(1)
    assert total(standard, ids, "T3") - total(revised, ids, "T3") == Decimal(1)


def test_dynamic_and_withdrawn_targets_score_with_their_current_weights() -> None:
    # 格尔木: 年度目标责任清单 + 动态指标; a withdrawn target gives no line
    b = YearBuilder(standard_rulebook())
    unit = b.unit("T1", "town")
    a = b.target(unit, quantitative(weight="60", goal="100"))
    q = b.target(unit, qualitative(weight="40"))
    c = b.dynamic(unit, quantitative(weight="20", goal="100"), {a: "40"}, month=7)
    b.withdraw(unit, q, {a: "80"}, month=8)
    b.report(unit, a, 12, value="50")
    b.report(unit, c, 12, value="100")
    result = score_year(b.events, standard_rulebook())
    lines = [(line.target_id, line.points) for line in result.units[0].lines]
    # A: 80 × 50/100 = 40; C: 20 × 100/100 = 20; B withdrawn → 60.00
    assert lines == [(a, Decimal("40.00")), (c, Decimal("20.00"))]
    assert result.units[0].total == Decimal("60.00")
    c_months = {w.month for w in result.warnings if w.target_id == c}
    assert c_months
    assert min(c_months) == "2025-07"  # warned about from its assignment on, not before


def test_events_that_open_no_year_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        score_year([], standard_rulebook())
    assert caught.value.field == "events"


def test_a_unit_is_named_as_in_the_assessed_year() -> None:
    b = YearBuilder(standard_rulebook())
    unit = b.unit("T1", "town", name="旧名镇")
    record = Unit.register(
        jurisdiction="demo-county",
        code="T1",
        name="旧名镇",
        category="town",
        main_leader=person(),
        deputy_leader=person(),
        since_year=2025,
        stamp=stamp(Role.ASSESSMENT_OFFICE, at(1)),
    )
    record.collect_events()
    record.rename(name="新名镇", effective_year=2026, stamp=stamp(Role.ASSESSMENT_OFFICE, at(12)))
    renamed = record.collect_events()
    result = score_year([*b.events, *renamed], standard_rulebook())
    assert (result.units[0].unit_id, result.units[0].name) == (unit, "旧名镇")
