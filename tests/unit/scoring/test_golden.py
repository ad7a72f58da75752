"""Golden year scored by hand under both shipped rulebooks.

Targets: A = 60 × completion (goal 100; overachievement held at 1.2), B = 40 × milestones
verified / 4, or 40 × reviewer score / out of. Standard (S) vs revised (R) differ here in:
bonus cap 5 / 3, red flag 1 / 0.5, yellow card ×2 / ×3, excellent ≥ 90 in the top 30% /
≥ 85 in the top 40%, good ≥ 80 / ≥ 75. Excellent slots: towns (5 units) S floor(1.5) = 1,
R floor(2.0) = 2; departments (4 units) S floor(1.2) = 1, R floor(1.6) = 1.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from domain.scoring.engine import score_year
from domain.scoring.result import YearResult, event_ref
from domain.vocabulary import Grade, WarningLevel
from tests.unit.scoring.golden_year import GoldenYear, build_golden_year
from tests.unit.scoring.test_rulebooks import load

D = Decimal
E, G, N = Grade.EXCELLENT, Grade.GOOD, Grade.GENERAL


@cache
def golden() -> GoldenYear:
    return build_golden_year()


@cache
def scored(rulebook: str) -> YearResult:
    return score_year(golden().events, load(rulebook))


# code: (total, rank in category, grade, clause that set the grade)
STANDARD = {
    # T1: A 60 × min(130/100, 1.2) = 72; B 40 × 2/4 = 20; bonus 3 + 2.5 = 5.5 held at 5
    #     (cap line −0.5) → 72 + 20 + 5 = 97.00; rank 1 ≤ 1 slot, ≥ 90 → excellent
    "T1": (D("97.00"), 1, E, "grade.bands"),
    # T2: A 60 × 95/100 = 57; B reviewer 40 × 9/10 = 36; reminder 0 → 93.00;
    #     rank 2 > 1 slot → good
    "T2": (D("93.00"), 2, G, "grade.bands"),
    # T4: A 60 × 0.9 = 54; B 40 × 4/4 = 40; accountability −3; the notification was
    #     revoked (no line) → 91.00; accountability → general
    "T4": (D("91.00"), 3, N, "grade.override.accountability"),
    # T3: A 60 × 0.8 = 48; B 40; red flag +1; interview −0.5 → 88.50 → good
    "T3": (D("88.50"), 4, G, "grade.bands"),
    # T5: A 60 × 0.75 = 45; B 40 × 3/4 = 30; notification −1; late January report −0.1
    #     → 73.90 < 80 → general
    "T5": (D("73.90"), 5, N, "grade.bands"),
    # D1: zero-base A 60 × (94 − 40)/(100 − 40) = 60 × 0.9 = 54 (continuous would give
    #     56.40); B 40; admonishment −2 → 92.00: top score and ≥ 90, but admonished → good
    "D1": (D("92.00"), 1, G, "grade.override.admonishment"),
    # D3: A 60; B 30; yellow card 1 × 2 = −2; deduction notice −0.5 → 87.50; rank 2 is
    #     outside the single excellent slot, which the admonished D1 does not hand down
    "D3": (D("87.50"), 2, G, "grade.bands"),
    # D2: A 54; B 30; bonus +2; red flag +1 → 87.00
    "D2": (D("87.00"), 3, G, "grade.bands"),
    # D4: A 60; B 40; missing January report −0.3; veto 0 → 99.70, yet last and general
    "D4": (D("99.70"), 4, N, "grade.override.veto"),
}

REVISED = {
    # T1: 72 + 20 + 5.5 held at 3 (cap line −2.5) → 95.00; rank 1 → excellent
    "T1": (D("95.00"), 1, E, "grade.bands"),
    # T2: 93.00 ≥ 85 and rank 2 ≤ 2 slots → excellent
    "T2": (D("93.00"), 2, E, "grade.bands"),
    "T4": (D("91.00"), 3, N, "grade.override.accountability"),
    # T3: 48 + 40 + red flag 0.5 − 0.5 → 88.00; rank 4 > 2 slots → good
    "T3": (D("88.00"), 4, G, "grade.bands"),
    # T5: 73.90 < 75 → general
    "T5": (D("73.90"), 5, N, "grade.bands"),
    "D1": (D("92.00"), 1, G, "grade.override.admonishment"),
    # D3: 60 + 30 − yellow card 1 × 3 − 0.5 → 86.50
    # D2: 54 + 30 + 2 + red flag 0.5 → 86.50: a tie, broken by target points 90 > 84
    #     (the unit code alone would have put D2 first)
    "D3": (D("86.50"), 2, G, "grade.bands"),
    "D2": (D("86.50"), 3, G, "grade.bands"),
    "D4": (D("99.70"), 4, N, "grade.override.veto"),
}


@pytest.mark.parametrize(
    ("rulebook", "expected"),
    [("standard-2025.yaml", STANDARD), ("revised-2025.yaml", REVISED)],
)
def test_totals_ranks_and_grades_are_the_hand_computed_ones(
    rulebook: str, expected: dict[str, tuple[D, int, Grade, str]]
) -> None:
    result = scored(rulebook)
    actual = {u.code: (u.total, u.rank, u.grade, u.grade_clause_id) for u in result.units}
    assert actual == expected
    for unit in result.units:
        assert sum(line.points for line in unit.lines) == unit.total
        assert unit.awards_allowed is (unit.code != "D4")


def test_the_ledger_of_the_capped_unit_names_clauses_and_events() -> None:
    t1 = scored("standard-2025.yaml").unit(golden().units["T1"])
    lines = [(line.kind, line.points, line.clause_id) for line in t1.lines]
    assert lines == [
        ("target", D("72.00"), "completion.quantitative.linear"),
        ("target", D("20.00"), "completion.qualitative.milestones"),
        ("bonus", D("3.00"), "bonus.cap"),
        ("bonus", D("2.50"), "bonus.cap"),
        ("bonus_cap", D("-0.50"), "bonus.cap"),
    ]
    bonus_refs = {ref for line in t1.lines[2:4] for ref in line.event_ids}
    assert set(t1.lines[4].event_ids) == bonus_refs
    assert all(line.event_ids for line in t1.lines)


def test_the_reviewer_score_and_zero_base_clauses_are_named() -> None:
    result = scored("standard-2025.yaml")
    t2 = result.unit(golden().units["T2"])
    assert t2.lines[1].clause_id == "completion.qualitative.reviewer"
    d1 = result.unit(golden().units["D1"])
    assert "completion.zero_base" in d1.lines[0].detail


def test_the_yellow_card_line_shows_the_multiplier() -> None:
    d3 = scored("revised-2025.yaml").unit(golden().units["D3"])
    card = next(line for line in d3.lines if line.kind == "sanction")
    assert (card.points, card.clause_id) == (D("-3.00"), "deduction.yellow_card")
    assert "× 3" in card.detail


def standing(result: YearResult, code: str, period: str) -> tuple[D, int]:
    unit_id = golden().units[code]
    found = [s for s in result.standings if s.unit_id == unit_id and s.period == period]
    assert len(found) == 1
    return found[0].score, found[0].rank


def test_january_standings_count_only_january() -> None:
    result = scored("standard-2025.yaml")
    # everyone's A is 60 × 20/100 = 12 and no milestone is done; D1 is zero-base:
    # 60 × (46 − 40)/60 = 6; T5 −0.1 late; D4 −0.3 missing. D2 and D3 tie at 12.00
    # with equal target points and no deductions: the unit code decides.
    assert standing(result, "T1", "2025-01") == (D("12.00"), 1)
    assert standing(result, "T5", "2025-01") == (D("11.90"), 5)
    assert standing(result, "D2", "2025-01") == (D("12.00"), 1)
    assert standing(result, "D3", "2025-01") == (D("12.00"), 2)
    assert standing(result, "D4", "2025-01") == (D("11.70"), 3)
    assert standing(result, "D1", "2025-01") == (D("6.00"), 4)


def test_the_veto_sends_the_unit_last_from_its_month_on() -> None:
    result = scored("standard-2025.yaml")
    assert standing(result, "D4", "2025-05")[1] == 3
    assert standing(result, "D4", "2025-Q2")[1] == 4
    # the year's standing is the year's result
    for unit in result.units:
        assert standing(result, unit.code, "2025") == (unit.total, unit.rank)


def test_the_revoked_notification_counted_only_until_the_appeal() -> None:
    result = scored("standard-2025.yaml")
    # T4 in August: A 12 + notification −1 + accountability −3 = 8.00; from September
    # the notification is gone: 12 − 3 = 9.00
    assert standing(result, "T4", "2025-08")[0] == D("8.00")
    assert standing(result, "T4", "2025-Q3")[0] == D("9.00")


def test_warnings_follow_each_rulebooks_thresholds() -> None:
    a, b = golden().targets["T3"]

    def warning(
        rulebook: str, target: object, month: str
    ) -> tuple[WarningLevel, D, tuple[str, ...]]:
        found = [w for w in scored(rulebook).warnings if w.target_id == target and w.month == month]
        assert len(found) <= 1
        if not found:  # on schedule: not on the warning board
            return WarningLevel.NONE, D(0), ()
        return found[0].level, found[0].lag, found[0].remind

    # March: A planned 25 (100 × 3/12), January's 20 carried forward: lag 5/25 = 0.2
    assert warning("standard-2025.yaml", a, "2025-03") == (
        WarningLevel.YELLOW,
        D("0.2000"),
        ("filler", "leader_in_charge"),
    )
    assert warning("revised-2025.yaml", a, "2025-03") == (
        WarningLevel.BELL,
        D("0.2000"),
        ("filler",),
    )
    # March: B's first milestone is due and none is done: lag 1 → red, main leader too
    assert warning("standard-2025.yaml", b, "2025-03")[0] is WarningLevel.RED
    # December: 80 of 100 → lag 0.2; all four milestones done → none
    assert warning("standard-2025.yaml", a, "2025-12")[1] == D("0.2000")
    assert warning("standard-2025.yaml", b, "2025-12")[0] is WarningLevel.NONE
    # January: A planned 100/12 ≈ 8.33, 20 done: ahead, no warning; B nothing due yet
    assert warning("standard-2025.yaml", a, "2025-01")[0] is WarningLevel.NONE
    assert warning("standard-2025.yaml", b, "2025-01")[0] is WarningLevel.NONE


def test_every_line_points_at_events_of_the_log() -> None:
    logged = {event_ref(e.originator_id, e.originator_version) for e in golden().events}
    for unit in scored("standard-2025.yaml").units:
        for line in unit.lines:
            assert line.event_ids, line
            assert set(line.event_ids) <= logged, line


def test_the_result_is_a_valid_model_that_survives_a_json_round_trip() -> None:
    result = scored("standard-2025.yaml")
    again = YearResult.model_validate_json(result.model_dump_json())
    assert again == result
