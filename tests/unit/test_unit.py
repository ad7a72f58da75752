"""An assessed unit (被考核单位) across years: who registers it, what its code, name and
category may be, and how renames, recategorizations, splits and mergers take effect."""

from __future__ import annotations

from uuid import uuid4

import pytest

from domain import errors
from domain.ids import unit_id
from domain.unit import Unit
from domain.vocabulary import Role
from tests.builders import person
from tests.unit.helpers import JURISDICTION, event_names, office, refused, stamp


def _register(code: str = "T01", **overrides: object) -> Unit:
    arguments: dict[str, object] = {
        "jurisdiction": JURISDICTION,
        "code": code,
        "name": "巴州镇",
        "category": "town",
        "main_leader": person("书记"),
        "deputy_leader": person("镇长"),
        "since_year": 2020,
        "stamp": office(),
    }
    arguments.update(overrides)
    unit = Unit.register(**arguments)  # type: ignore[arg-type]
    unit.collect_events()
    return unit


def test_a_unit_is_named_by_its_jurisdiction_and_code() -> None:
    assert _register("T01").id == unit_id(JURISDICTION, "T01")


def test_only_the_assessment_office_registers_units() -> None:
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        _register(stamp=stamp(Role.SUPERVISION_OFFICE))


@pytest.mark.parametrize("code", ["", "T 01", "镇01", "x" * 33, "T01/2"])
def test_a_unit_code_is_up_to_32_letters_digits_dashes_or_underscores(code: str) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "code"):
        _register(code)


@pytest.mark.parametrize("name", ["", "   ", "镇" * 81])
def test_a_unit_name_has_1_to_80_characters(name: str) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "name"):
        _register(name=name)


@pytest.mark.parametrize("category", ["", "Town", "乡镇", "town-1", "x" * 41])
def test_a_unit_category_is_a_lower_case_key(category: str) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "category"):
        _register(category=category)


@pytest.mark.parametrize("since_year", [1999, 2101])
def test_a_unit_starts_in_a_year_from_2000_to_2100(since_year: int) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "since_year"):
        _register(since_year=since_year)


def test_a_rename_holds_from_its_effective_year_only() -> None:
    unit = _register()
    unit.rename(name="巴州街道", effective_year=2023, stamp=office())
    assert [unit.name_in(y) for y in (2020, 2022, 2023, 2030)] == [
        "巴州镇",
        "巴州镇",
        "巴州街道",
        "巴州街道",
    ]


def test_a_unit_is_not_renamed_to_the_name_it_has() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "name"):
        unit.rename(name=" 巴州镇 ", effective_year=2024, stamp=office())


def test_a_unit_is_not_renamed_for_a_year_before_it_existed() -> None:
    unit = _register()
    with refused(unit, errors.UnitNotInYear, "UNIT_NOT_IN_YEAR", "effective_year"):
        unit.rename(name="巴州街道", effective_year=2019, stamp=office())


def test_a_recategorization_holds_from_its_effective_year_only() -> None:
    unit = _register()
    unit.recategorize(category="government_department", effective_year=2024, stamp=office())
    assert unit.category_in(2023) == "town"
    assert unit.category_in(2024) == "government_department"


def test_a_unit_is_not_moved_to_the_category_it_is_in() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "category"):
        unit.recategorize(category="town", effective_year=2024, stamp=office())


def test_a_recategorization_needs_a_valid_category_key() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "category"):
        unit.recategorize(category="Town", effective_year=2024, stamp=office())


def test_only_the_assessment_office_changes_a_unit() -> None:
    unit = _register()
    leader = stamp(Role.LEADER)
    with refused(unit, errors.Forbidden, "FORBIDDEN", "by.role"):
        unit.rename(name="巴州街道", effective_year=2023, stamp=leader)
    with refused(unit, errors.Forbidden, "FORBIDDEN", "by.role"):
        unit.change_leaders(main_leader=person("甲"), deputy_leader=person("乙"), stamp=leader)
    with refused(unit, errors.Forbidden, "FORBIDDEN", "by.role"):
        unit.split_off(successors=[uuid4()], effective_year=2023, continues=True, stamp=leader)


def test_a_split_takes_effect_after_the_units_first_year() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "effective_year"):
        unit.split_off(successors=[uuid4()], effective_year=2020, continues=True, stamp=office())


def test_a_split_needs_at_least_one_new_unit_other_than_itself() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "new_units"):
        unit.split_off(successors=[], effective_year=2023, continues=True, stamp=office())
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "new_units"):
        unit.split_off(successors=[unit.id], effective_year=2023, continues=True, stamp=office())


def test_a_unit_that_continues_after_a_split_still_exists() -> None:
    unit = _register()
    new_district = uuid4()
    unit.split_off(successors=[new_district], effective_year=2023, continues=True, stamp=office())
    assert unit.existed_in(2023)
    assert unit.existed_in(2030)
    assert unit.successors == [new_district]


def test_a_unit_divided_by_a_split_ends_with_the_split() -> None:
    unit = _register()
    unit.split_off(
        successors=[uuid4(), uuid4()], effective_year=2023, continues=False, stamp=office()
    )
    assert [unit.existed_in(y) for y in (2019, 2020, 2022, 2023)] == [False, True, True, False]


def test_a_unit_does_not_merge_into_itself() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "into"):
        unit.merge_into(successor=unit.id, effective_year=2023, stamp=office())


def test_a_merger_takes_effect_after_the_units_first_year() -> None:
    unit = _register()
    with refused(unit, errors.InvalidInput, "INVALID_INPUT", "effective_year"):
        unit.merge_into(successor=uuid4(), effective_year=2020, stamp=office())


def test_a_merged_unit_no_longer_exists_from_the_merger_on() -> None:
    unit = _register()
    successor = uuid4()
    unit.merge_into(successor=successor, effective_year=2024, stamp=office())
    assert unit.existed_in(2023)
    assert not unit.existed_in(2024)
    assert unit.successors == [successor]
    with refused(unit, errors.UnitNotInYear, "UNIT_NOT_IN_YEAR", "effective_year"):
        unit.rename(name="新名", effective_year=2024, stamp=office())


def test_a_dissolved_unit_keeps_its_last_leaders() -> None:
    unit = _register()
    unit.merge_into(successor=uuid4(), effective_year=2024, stamp=office())
    with refused(unit, errors.UnitDissolved, "UNIT_DISSOLVED", "unit_id"):
        unit.change_leaders(main_leader=person("甲"), deputy_leader=person("乙"), stamp=office())


def test_a_merged_unit_is_not_merged_or_split_again() -> None:
    unit = _register()
    unit.merge_into(successor=uuid4(), effective_year=2024, stamp=office())
    with refused(unit, errors.UnitDissolved, "UNIT_DISSOLVED", "unit_id"):
        unit.merge_into(successor=uuid4(), effective_year=2022, stamp=office())
    with refused(unit, errors.UnitDissolved, "UNIT_DISSOLVED", "unit_id"):
        unit.split_off(successors=[uuid4()], effective_year=2022, continues=True, stamp=office())


def test_the_surviving_unit_records_what_it_absorbed() -> None:
    survivor = _register()
    merged = [uuid4(), uuid4()]
    survivor.absorb(predecessors=merged, effective_year=2024, stamp=office())
    assert event_names(survivor) == ["Absorbed"]
    assert survivor.predecessors == merged


def test_a_unit_absorbs_at_least_one_other_unit() -> None:
    survivor = _register()
    with refused(survivor, errors.InvalidInput, "INVALID_INPUT", "predecessors"):
        survivor.absorb(predecessors=[], effective_year=2024, stamp=office())
    with refused(survivor, errors.InvalidInput, "INVALID_INPUT", "predecessors"):
        survivor.absorb(predecessors=[survivor.id], effective_year=2024, stamp=office())


def test_a_unit_absorbs_only_in_a_year_it_exists() -> None:
    survivor = _register()
    with refused(survivor, errors.UnitNotInYear, "UNIT_NOT_IN_YEAR", "effective_year"):
        survivor.absorb(predecessors=[uuid4()], effective_year=2019, stamp=office())
