"""Properties of the engine over generated years (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import parse_rulebook
from domain.scoring.engine import score_year
from domain.vocabulary import Role, SanctionKind
from tests.builders import standard_rulebook
from tests.unit.scoring.small_year import Op, PlannedUnit, build
from tests.unit.scoring.year_builder import at, stamp

RULEBOOK = standard_rulebook()
CATEGORIES = ("town", "government_department")
SANCTIONS = [kind.value for kind in SanctionKind]
PROFILE = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def years(draw: st.DrawFn) -> tuple[list[PlannedUnit], list[Op]]:
    count = draw(st.integers(2, 5))
    units = [
        PlannedUnit(
            f"U{i}",
            draw(st.sampled_from(CATEGORIES)),
            str(draw(st.integers(0, 150))),
            draw(st.integers(0, 4)),
            draw(st.sampled_from([None, "20", "50"])),
        )
        for i in range(count)
    ]
    ops, flags = [], set()
    for _ in range(draw(st.integers(0, 8))):
        unit = draw(st.sampled_from(units))
        kind = draw(st.sampled_from(["bonus", "notice", "red_flag", *SANCTIONS]))
        month = draw(st.integers(1, 12))
        slot = (unit.category, month)
        if kind == "red_flag" and slot in flags:
            continue  # one flag per slot and month
        flags.add(slot)
        revoked = draw(st.sampled_from([None, None, 10])) if kind in SANCTIONS else None
        points = str(draw(st.sampled_from(["0.5", "1", "2.25", "3"])))
        ops.append(Op(kind, unit.code, month, points, revoked))
    return units, ops


@PROFILE
@given(years())
def test_lines_sum_to_the_total_and_the_year_standing(plan: tuple) -> None:
    events, _ = build(*plan)
    result = score_year(events, RULEBOOK)
    year = {s.unit_id: (s.score, s.rank) for s in result.standings if s.period == "2025"}
    for unit in result.units:
        assert sum((line.points for line in unit.lines), Decimal(0)) == unit.total
        assert year[unit.unit_id] == (unit.total, unit.rank)
        assert all(line.points == line.points.quantize(Decimal("0.01")) for line in unit.lines)


@PROFILE
@given(years())
def test_the_same_inputs_give_the_same_result(plan: tuple) -> None:
    events, _ = build(*plan)
    assert score_year(events, RULEBOOK) == score_year(list(events), RULEBOOK)


@PROFILE
@given(years(), st.sampled_from(SANCTIONS), st.integers(1, 12))
def test_adding_a_sanction_never_raises_a_score(plan: tuple, kind: str, month: int) -> None:
    units, ops = plan
    before = score_year(build(units, ops)[0], RULEBOOK)
    after = score_year(build(units, [*ops, Op(kind, units[0].code, month)])[0], RULEBOOK)
    totals = {u.unit_id: u.total for u in before.units}
    assert all(u.total <= totals[u.unit_id] for u in after.units)


@PROFILE
@given(years(), st.sampled_from(["0.5", "1", "4.75", "9"]))
def test_adding_a_bonus_never_lowers_a_score_nor_passes_the_cap(plan: tuple, points: str) -> None:
    units, ops = plan
    before = score_year(build(units, ops)[0], RULEBOOK)
    events, ids = build(units, [*ops, Op("bonus", units[0].code, 6, points)])
    after = score_year(events, RULEBOOK)
    totals = {u.unit_id: u.total for u in before.units}
    assert all(u.total >= totals[u.unit_id] for u in after.units)
    lines = after.unit(ids[units[0].code]).lines
    bonus = sum((line.points for line in lines if line.kind in ("bonus", "bonus_cap")), Decimal(0))
    assert bonus <= RULEBOOK.bonus.cap


@PROFILE
@given(years())
def test_replay_under_its_own_rulebook_equals_the_official_result(plan: tuple) -> None:
    """The official result is scored from the year's own events; a replay reads the
    rulebook back from its published record and the year out of a log that holds other
    years too, and must come to exactly the same result."""
    units, ops = plan
    events, _ = build(units, ops)
    official = score_year(events, RULEBOOK)
    record = RulebookRecord.publish(rulebook=RULEBOOK, stamp=stamp(Role.ASSESSMENT_OFFICE, at(1)))
    published = record.collect_events()
    replayed_rulebook = RulebookRecord.Published.model_validate(published[0].model_dump()).document
    other_year, _ = build(units, ops, year=2024)
    log = [*published, *other_year, *events]
    assert score_year(log, parse_rulebook(replayed_rulebook), year=2025) == official
