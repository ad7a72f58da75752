"""The demo year's plan, before any command runs: reproducible from the seed, every
unit's list worth exactly 100 points, and the incidents the issue asks for."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from domain.supervision.terms import CaseSource
from domain.targets.spec import Quantitative
from domain.vocabulary import AttentionLevel, SanctionKind
from infrastructure.demo.plan import YearPlan, make_plan
from infrastructure.demo.sizes import (
    PROVINCES,
    SIZES,
    Member,
    ProvinceSize,
    member_size,
    members_of,
)
from tests.builders import standard_rulebook

HUNDRED = Decimal(100)


@pytest.fixture(scope="module")
def county() -> YearPlan:
    return make_plan(SIZES["county"], seed=2025, year=2025, rulebook=standard_rulebook())


def tiny(seed: int) -> YearPlan:
    return make_plan(SIZES["tiny"], seed=seed, year=2025, rulebook=standard_rulebook())


def test_the_same_seed_plans_the_same_year_and_another_seed_does_not() -> None:
    assert tiny(7) == tiny(7)
    assert tiny(7) != tiny(8)


def test_a_county_has_150_units_in_four_categories_with_about_40_targets(
    county: YearPlan,
) -> None:
    categories = Counter(u.category for u in county.units)
    assert len(county.units) == 150
    assert set(categories) == {"town", "party_department", "government_department",
                               "stationed_unit"}  # fmt: skip
    assert all(36 <= len(u.targets) <= 44 for u in county.units)
    assert len({u.code for u in county.units}) == 150


def test_every_list_is_worth_exactly_100_points_in_half_points(county: YearPlan) -> None:
    for unit in county.units:
        weights = [t.spec.weight for t in unit.targets]
        assert sum(weights) == HUNDRED, unit.code
        assert all(w > 0 and (w * 2) == int(w * 2) for w in weights)


def test_lists_mix_quantitative_and_qualitative_zero_base_and_continuous(
    county: YearPlan,
) -> None:
    targets = [t for u in county.units for t in u.targets]
    modes = Counter(t.spec.scoring_mode for t in targets)
    with_baseline = [t for t in targets if isinstance(t.spec.measure, Quantitative)
                     and t.spec.measure.baseline > 0]  # fmt: skip
    assert 0.2 < sum(t.qualitative for t in targets) / len(targets) < 0.8
    assert len(modes) == 2
    assert with_baseline


def test_progress_never_goes_back_and_some_units_lag_while_others_lead(
    county: YearPlan,
) -> None:
    for unit in county.units:
        for target in unit.targets:
            assert list(target.curve) == sorted(target.curve)
    performance = [u.performance for u in county.units]
    assert min(performance) < 0.8
    assert max(performance) > 1.05


def test_rebalances_keep_every_list_at_100_points(county: YearPlan) -> None:
    incidents = county.incidents
    assert incidents.dynamic
    assert incidents.revisions
    for dynamic in incidents.dynamic:
        weights = {i: t.spec.weight for i, t in enumerate(county.units[dynamic.unit].targets)}
        weights.update(dict(dynamic.rebalance))
        assert sum(weights.values()) + dynamic.target.spec.weight == HUNDRED
    for revision in incidents.revisions:
        weights = {i: t.spec.weight for i, t in enumerate(county.units[revision.unit].targets)}
        weights.update(dict(revision.rebalance))
        weights[revision.target] = revision.spec.weight
        assert sum(weights.values()) == HUNDRED
        assert all(w > 0 for w in weights.values())


def test_sanctions_of_every_kind_one_veto_and_one_upheld_appeal(county: YearPlan) -> None:
    kinds = Counter(s.kind for s in county.incidents.sanctions)
    assert set(kinds) == set(SanctionKind)
    assert kinds[SanctionKind.VETO] == 1
    (appeal,) = county.incidents.appeals
    assert county.incidents.sanctions[appeal.sanction].month < appeal.month


def test_some_units_are_granted_more_bonus_than_the_cap(county: YearPlan) -> None:
    granted: defaultdict[int, Decimal] = defaultdict(Decimal)
    for bonus in county.incidents.bonuses:
        granted[bonus.unit] += bonus.points
    assert sum(1 for points in granted.values() if points > 5) >= 3


def test_two_red_flags_a_month_one_department_and_one_town(county: YearPlan) -> None:
    for month in range(1, 13):
        flags = [f for f in county.incidents.red_flags if f.month == month]
        categories = {county.units[f.unit].category == "town" for f in flags}
        assert len(flags) == 2
        assert categories == {True, False}


def test_a_city_is_ten_counties_of_units_in_one_jurisdiction() -> None:
    city = SIZES["city"]
    assert city.unit_count == 1500
    assert len(city.districts) == 10
    assert {c for c, _ in city.units} == {c for c, _ in SIZES["county"].units}


def test_cases_of_every_source_and_level_one_escalated_some_left_overdue(
    county: YearPlan,
) -> None:
    cases = county.cases
    assert {c.source for c in cases} == set(CaseSource)
    assert {c.level for c in cases} == set(AttentionLevel)
    fates = Counter(c.fate for c in cases)
    assert fates["escalated"] == 1
    assert fates["overdue"] > 0
    assert fates["closed"] > fates["closed_late"] > 0
    for case in cases:
        days = [step.on for step in case.steps]
        assert days == sorted(days)
        assert all(10 <= day.day <= 28 and day.year == 2025 for day in days)
        assert [s.kind for s in case.steps[:3]] == ["open", "assign", "commit"]


def test_units_rate_each_other_in_groups_of_one_category_and_the_public_rates_services(
    county: YearPlan,
) -> None:
    plan = county.evaluations
    grouped = [unit for group in plan.mutual_groups for unit in group]
    assert sorted(grouped) == list(range(len(county.units)))
    for group in plan.mutual_groups:
        assert 2 <= len(group) <= SIZES["county"].mutual_group
        assert len({county.units[u].category for u in group}) == 1
    rated = {unit for ballot in plan.public_ballots for unit in ballot}
    assert {county.units[u].category for u in rated} == {"town", "government_department"}
    assert len(plan.public_ballots) == SIZES["county"].public_ballots
    assert [s.key for s in plan.specials] == ["work-safety", "ecology"]
    assert sum(s.corrected is not None for s in plan.specials) == 1


def test_a_province_is_twenty_cities_each_from_its_own_seed() -> None:
    province = PROVINCES["province"]
    members = province.members(2025)
    assert province.member == "city"
    assert len(members) == province.jurisdictions == 20
    assert len({m.code for m in members}) == len({m.name for m in members}) == 20
    assert len({m.schema for m in members}) == 20
    assert [m.seed for m in members] == list(range(2025, 2045))
    assert province.members(2025) == members


def test_a_province_sample_is_its_first_cities_and_the_first_is_the_city_year() -> None:
    province = PROVINCES["province"]
    assert province.members(2025, 2) == province.members(2025)[:2]
    assert province.members(2025, 1)[0].seed == 2025
    for count in (0, 21):
        with pytest.raises(ValueError, match="1 to 20 jurisdictions"):
            province.members(2025, count)


def test_each_member_of_a_province_plans_a_year_of_its_own_reproducibly() -> None:
    small = ProvinceSize(name="small", member="tiny", names=("甲市", "乙市", "丙市"))
    first, second, _ = small.members(7)
    assert tiny(first.seed) == tiny(7)
    assert tiny(second.seed) != tiny(first.seed)
    assert tiny(second.seed) == tiny(second.seed)


def test_runs_of_one_size_number_their_jurisdictions_like_a_province() -> None:
    assert members_of("county", None, 2025) == (Member("county-01", "county 1", 2025),)
    assert [m.code for m in members_of("city", 2, 2025)] == ["city-01", "city-02"]
    assert members_of("province", None, 2025) == PROVINCES["province"].members(2025)
    assert member_size("province") == "city"
    assert member_size("county") == "county"
    with pytest.raises(ValueError, match="unknown size 'state'"):
        members_of("state", 1, 2025)
