"""The weighed golden year scored by hand under both shipped rulebooks: evaluations,
special assessments and overdue and escalated supervision cases (issue 7 point 7).

Every town's one target scores 100 × December's value / 100. The clauses:
- evaluation: weight × share, share = (mean − lowest) / (highest − lowest), a kind's
  share the mean over its closed campaigns; weights mutual 2, democratic 3, public 3
  (revised: 4), leadership 2;
- special assessment: weight × (score − lowest) / (highest − lowest); ecology 2, any
  other 1;
- overdue case: −0.5 / −1 / −1.5 / −2 by the level in force when the deadline passed
  (general / attention / key / special); escalated case: −2 (revised: −3).
Points are rounded half up to hundredths, line by line.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from domain.scoring.diff import diff_results
from domain.scoring.engine import score_year
from domain.scoring.result import YearResult, event_ref
from tests.unit.scoring.golden_weighed import WeighedYear, build_weighed_year
from tests.unit.scoring.test_rulebooks import load

D = Decimal


@cache
def weighed() -> WeighedYear:
    return build_weighed_year()


@cache
def scored(rulebook: str) -> YearResult:
    return score_year(weighed().events, load(rulebook))


def lines(rulebook: str, code: str) -> list[tuple[str, D, str]]:
    unit = scored(rulebook).unit(weighed().units[code])
    return [(line.kind, line.points, line.clause_id) for line in unit.lines]


# W1: target 90; leadership: June 80, 90 → 85 of 100 = 0.85, November 9, 10 → 9.5 of 10
#     = 0.95, share (0.85 + 0.95) / 2 = 0.9 × 2 = 1.80; mutual (90 + 90 + 90) / 3 = 90
#     → 0.9 × 2 = 1.80; public 5, 4, 4, 5 → 4.5 on 1–5: (4.5 − 1) / 4 = 0.875 × 3 =
#     2.625 → 2.63 (revised × 4 = 3.50); democratic (95 + 85) / 2 = 90 → 0.9 × 3 = 2.70;
#     ecology as corrected in November 85 → 0.85 × 2 = 1.70; archives 10 of 10 × 1 =
#     1.00; case C1 rectified before its deadline and verified: no line
#     → 90 + 1.80 + 1.80 + 2.63 + 2.70 + 1.70 + 1.00 = 101.63 (revised 102.50)
# W2: target 90; mutual (80 + 90 + 100) / 3 = 90 → 1.80; public 3, 4, 4 → 11/3:
#     (11/3 − 1) / 4 = 2/3 × 3 = 2.00 (revised × 4 = 2.666… → 2.67); democratic 80 →
#     0.8 × 3 = 2.40; ecology: 90 in September, taken out by the November correction (no
#     line); C2 raised to key before its deadline, settled late: −1.5
#     → 90 + 1.80 + 2.00 + 2.40 − 1.50 = 94.70 (revised 95.37)
# W3: target 80; mutual (70 + 80 + 90) / 3 = 80 → 1.60; democratic 72.5 → 0.725 × 3 =
#     2.175 → 2.18; ecology (added in November) 60 → 1.20; C3 unsettled, at attention
#     when its deadline passed (raised to special only later): −1
#     → 80 + 1.60 + 2.18 + 1.20 − 1.00 = 83.98 under both
# W4: target 70; mutual (60 + 70 + 80) / 3 = 70 → 1.40; democratic 60.5 → 0.605 × 3 =
#     1.815 → 1.82; archives 7.5 of 10 × 1 = 0.75; C4 at special, escalated after its
#     deadline: overdue −2 and escalated −2 (revised −3)
#     → 70 + 1.40 + 1.82 + 0.75 − 2.00 − 2.00 = 69.97 (revised 68.97)
STANDARD = {"W1": D("101.63"), "W2": D("94.70"), "W3": D("83.98"), "W4": D("69.97")}
REVISED = {"W1": D("102.50"), "W2": D("95.37"), "W3": D("83.98"), "W4": D("68.97")}


@pytest.mark.parametrize(
    ("rulebook", "expected"), [("standard-2025.yaml", STANDARD), ("revised-2025.yaml", REVISED)]
)
def test_totals_are_the_hand_computed_ones(rulebook: str, expected: dict[str, D]) -> None:
    result = scored(rulebook)
    assert {u.code: u.total for u in result.units} == expected
    assert [u.code for u in result.units] == ["W1", "W2", "W3", "W4"]
    for unit in result.units:
        assert sum(line.points for line in unit.lines) == unit.total


def test_each_evaluation_kind_is_one_line_in_the_modifier_order() -> None:
    assert lines("standard-2025.yaml", "W1") == [
        ("target", D("90.00"), "completion.quantitative.linear"),
        ("evaluation", D("1.80"), "evaluation.leadership"),
        ("evaluation", D("1.80"), "evaluation.mutual"),
        ("evaluation", D("2.63"), "evaluation.public"),
        ("evaluation", D("2.70"), "evaluation.democratic"),
        ("special_assessment", D("1.70"), "special.weighted"),
        ("special_assessment", D("1.00"), "special.weighted"),
    ]
    assert ("evaluation", D("3.50"), "evaluation.public") in lines("revised-2025.yaml", "W1")


def test_overdue_and_escalated_cases_deduct_after_the_other_deductions() -> None:
    assert lines("standard-2025.yaml", "W4")[-2:] == [
        ("case_overdue", D("-2.00"), "supervision.overdue"),
        ("case_escalated", D("-2.00"), "supervision.escalated"),
    ]
    assert lines("revised-2025.yaml", "W4")[-1] == (
        "case_escalated", D("-3.00"), "supervision.escalated",
    )  # fmt: skip
    assert lines("standard-2025.yaml", "W3")[-1] == (
        "case_overdue", D("-1.00"), "supervision.overdue",
    )  # fmt: skip


def test_the_overdue_line_names_its_level_its_days_and_the_events_behind_it() -> None:
    w2 = scored("standard-2025.yaml").unit(weighed().units["W2"])
    overdue = next(line for line in w2.lines if line.kind == "case_overdue")
    # due at 1 May 00:00, rectified 12 May 10:00: 11 days and 10 hours → 12 begun days
    assert "level key, settled 12 days late" in overdue.detail
    case = str(weighed().cases["C2"])
    # opened, raised to key, the rectification and its verification
    assert [ref.split("@")[0] for ref in overdue.event_ids] == [case] * 4
    w3 = scored("standard-2025.yaml").unit(weighed().units["W3"])
    assert "not settled" in w3.lines[-1].detail
    assert w3.lines[-1].event_ids == (f"{weighed().cases['C3']}@1",)


def standing(code: str, period: str, rulebook: str = "standard-2025.yaml") -> D:
    unit = weighed().units[code]
    (found,) = [s for s in scored(rulebook).standings if (s.unit_id, s.period) == (unit, period)]
    return found.score


def test_each_contribution_counts_from_its_month() -> None:
    # W1 in October: leadership June only 0.85 × 2 = 1.70; mutual (July) 1.80; ecology
    # as first imported in September 80 → 1.60: 5.10; in November the second leadership
    # and the corrected ecology count: 1.80 + 1.80 + 1.70 = 5.30 (no target report yet)
    assert standing("W1", "2025-10") == D("5.10")
    assert standing("W1", "2025-11") == D("5.30")
    # W2 is overdue from May (due at 1 May 00:00); W3 from June, the day after 15 June;
    # in July W3's mutual evaluation adds 1.60
    assert (standing("W2", "2025-04"), standing("W2", "2025-05")) == (D(0), D("-1.50"))
    assert (standing("W3", "2025-05"), standing("W3", "2025-06")) == (D(0), D("-1.00"))
    assert standing("W3", "2025-07") == D("0.60")
    # W4 in October: mutual 1.40, overdue −2, escalated −2 (revised −3)
    assert standing("W4", "2025-10") == D("-2.60")
    # W2's September ecology result (90 → 1.80) counts until the November correction
    assert standing("W2", "2025-10") == D("1.80") + D("-1.50") + D("1.80")
    assert standing("W2", "2025-11") == D("1.80") + D("-1.50")
    assert standing("W4", "2025-10", "revised-2025.yaml") == D("-3.60")


def test_the_replay_diff_pairs_the_weighed_lines_across_rulebooks() -> None:
    diff = diff_results(scored("standard-2025.yaml"), scored("revised-2025.yaml"))
    changed = {
        (unit.code, change.key.kind, change.change, change.points_delta)
        for unit in diff.units
        for change in unit.lines
    }
    assert changed == {
        ("W1", "evaluation", "changed", D("0.87")),
        ("W2", "evaluation", "changed", D("0.67")),
        ("W4", "case_escalated", "changed", D("-1.00")),
    }


def test_every_line_points_at_events_of_the_log() -> None:
    logged = {event_ref(e.originator_id, e.originator_version) for e in weighed().events}
    for unit in scored("standard-2025.yaml").units:
        for line in unit.lines:
            assert line.event_ids, line
            assert set(line.event_ids) <= logged, line


def test_a_rulebook_without_the_clauses_scores_none_of_these_facts() -> None:
    older = load("standard-2025.yaml").model_copy(
        update={"evaluations": None, "special_assessments": None, "supervision": None}
    )
    result = score_year(weighed().events, older)
    assert {u.code: u.total for u in result.units} == {
        "W1": D("90.00"), "W2": D("90.00"), "W3": D("80.00"), "W4": D("70.00"),
    }  # fmt: skip
