"""The replay diff: units matched by id, lines by a key that survives renamed clauses."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID, uuid5

from hypothesis import given
from hypothesis import strategies as st

from domain.scoring.diff import diff_results, line_key
from domain.scoring.result import LineKind, ScoreLine, UnitResult, YearResult
from domain.vocabulary import Grade

NS = UUID("00000000-0000-0000-0000-0000000000aa")
TOWN, VILLAGE = uuid5(NS, "town"), uuid5(NS, "village")
ROAD = uuid5(NS, "road-target")


def line(
    kind: LineKind, points: str, *refs: str, target: UUID | None = None, clause: str = "c1"
) -> ScoreLine:
    return ScoreLine(
        unit_id=TOWN,
        kind=kind,
        points=Decimal(points),
        clause_id=clause,
        event_ids=tuple(refs),
        target_id=target,
        detail="",
    )


def unit(unit_id: UUID, rank: int, grade: Grade, *lines: ScoreLine) -> UnitResult:
    return UnitResult(
        unit_id=unit_id,
        code=str(unit_id)[:4],
        name="单位",
        category="town",
        lines=lines,
        total=sum((x.points for x in lines), Decimal(0)),
        rank=rank,
        grade=grade,
        grade_clause_id="band",
        awards_allowed=True,
        consequences=(),
    )


def year(version: str, *units: UnitResult) -> YearResult:
    return YearResult(
        year=2025,
        rulebook_version=version,
        rulebook_sha256=version * 2,
        units=units,
        standings=(),
        warnings=(),
    )


ROAD_LINE = line("target", "9.5", "r@3", target=ROAD)
CRITICISM = line("sanction", "-1", "s@1")


def test_a_result_compared_with_itself_has_no_change() -> None:
    official = year(
        "std",
        unit(TOWN, 1, Grade.EXCELLENT, ROAD_LINE, CRITICISM),
        unit(VILLAGE, 2, Grade.GOOD, ROAD_LINE),
    )
    diff = diff_results(official, official)
    assert diff.changed_units == 0
    assert [u.unit_id for u in diff.units] == [TOWN, VILLAGE]
    assert all(not u.changed and not u.lines for u in diff.units)


def test_a_harsher_sanction_shows_as_one_changed_line_and_a_new_rank_and_grade() -> None:
    official = year(
        "std",
        unit(TOWN, 1, Grade.EXCELLENT, ROAD_LINE, CRITICISM),
        unit(VILLAGE, 2, Grade.GOOD, line("target", "9", "v@2", target=ROAD)),
    )
    harsher = line("sanction", "-4", "s@1", clause="deduction.notification.v2")
    replayed = year(
        "rev",
        unit(TOWN, 2, Grade.GOOD, ROAD_LINE, harsher),
        unit(VILLAGE, 1, Grade.EXCELLENT, line("target", "9", "v@2", target=ROAD)),
    )
    diff = diff_results(official, replayed)
    town = diff.units[0]
    assert (town.score_before, town.score_after) == (Decimal("8.5"), Decimal("5.5"))
    assert (town.rank_before, town.rank_after) == (1, 2)
    assert (town.grade_before, town.grade_after) == (Grade.EXCELLENT, Grade.GOOD)
    (change,) = town.lines
    assert (change.change, change.points_delta) == ("changed", Decimal(-3))
    assert diff.units[1].changed
    assert not diff.units[1].lines
    assert (diff.official.version, diff.replayed.version) == ("std", "rev")


def test_a_renamed_clause_alone_is_not_a_change_but_new_and_dropped_lines_are() -> None:
    renamed = line("target", "9.5", "r@3", "r@4", target=ROAD, clause="completion.v2")
    flag = line("red_flag", "1", "f@1")
    official = year("std", unit(TOWN, 1, Grade.GOOD, ROAD_LINE, CRITICISM))
    replayed = year("rev", unit(TOWN, 1, Grade.GOOD, renamed, flag))
    (town,) = diff_results(official, replayed).units
    assert [(c.change, c.key.kind) for c in town.lines] == [
        ("removed", "sanction"),
        ("added", "red_flag"),
    ]
    assert [c.points_delta for c in town.lines] == [Decimal(1), Decimal(1)]


def test_lines_of_the_same_events_are_told_apart_by_their_order() -> None:
    first, second = line("late_report", "-0.1", "m@2"), line("late_report", "-0.1", "m@2")
    assert line_key(first) == line_key(second)
    official = year("std", unit(TOWN, 1, Grade.GOOD, first))
    replayed = year("rev", unit(TOWN, 1, Grade.GOOD, first, second))
    (town,) = diff_results(official, replayed).units
    (added,) = town.lines
    assert (added.change, added.key.occurrence) == ("added", 1)


def test_a_unit_scored_on_one_side_only_is_listed_with_the_other_side_empty() -> None:
    official = year("std", unit(TOWN, 1, Grade.GOOD, ROAD_LINE))
    replayed = year(
        "rev", unit(TOWN, 1, Grade.GOOD, ROAD_LINE), unit(VILLAGE, 2, Grade.GENERAL, CRITICISM)
    )
    diff = diff_results(official, replayed)
    village = diff.units[-1]
    assert (village.unit_id, village.score_before, village.score_after) == (
        VILLAGE,
        None,
        Decimal(-1),
    )
    assert diff.changed_units == 1


points = st.decimals(min_value=-5, max_value=10, places=2, allow_nan=False)
kinds = st.sampled_from(["bonus", "sanction", "deduction_notice", "late_report"])


@given(st.lists(st.tuples(kinds, points, points), max_size=12))
def test_the_changed_lines_explain_the_whole_score_change(
    rows: list[tuple[LineKind, Decimal, Decimal]],
) -> None:
    before = [line(k, str(a), f"e@{i}") for i, (k, a, _) in enumerate(rows)]
    after = [line(k, str(b), f"e@{i}") for i, (k, _, b) in enumerate(rows)]
    (town,) = diff_results(
        year("a", unit(TOWN, 1, Grade.GOOD, *before)), year("b", unit(TOWN, 1, Grade.GOOD, *after))
    ).units
    assert town.score_before is not None
    assert town.score_after is not None
    assert sum((c.points_delta for c in town.lines), Decimal(0)) == (
        town.score_after - town.score_before
    )
    assert all(c.change == "changed" for c in town.lines)
