"""No event is stored for a rejected command (issue 3, point 5): the assessed units.

Every case goes through the application on both stores and checks the error's class,
code and field, that the log did not grow, and that nothing half-created exists.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.ids import unit_id
from domain.unit import Unit
from infrastructure.clock import ManualClock
from tests.builders import (
    OFFICE,
    REVIEWER,
    YEAR,
    new_unit,
    person,
)
from tests.scenarios import assert_rejected, event_count, second_instance, topics


def registered(app: AssessmentApplication, code: str, since_year: int = YEAR) -> UUID:
    return app.register_unit(unit=new_unit(code), since_year=since_year, by=OFFICE)


def test_register_a_taken_or_malformed_code(app: AssessmentApplication) -> None:
    registered(app, "T01")
    assert_rejected(app, errors.AlreadyExists, "code", lambda: registered(app, "T01"))
    assert_rejected(app, errors.InvalidInput, "code", lambda: registered(app, "T 02"))
    assert app.find(Unit, unit_id(app.jurisdiction, "T 02")) is None


def test_rename_recategorize_and_change_leaders_rejected(app: AssessmentApplication) -> None:
    unit = registered(app, "T01")
    assert_rejected(
        app,
        errors.InvalidInput,
        "name",
        lambda: app.rename_unit(unit_id=unit, name="单位T01", effective_year=YEAR, by=OFFICE),
    )
    assert_rejected(
        app,
        errors.NotFound,
        "unit_id",
        lambda: app.rename_unit(
            unit_id=unit_id(app.jurisdiction, "nobody"), name="新名", effective_year=YEAR, by=OFFICE
        ),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "category",
        lambda: app.recategorize_unit(
            unit_id=unit, category="town", effective_year=YEAR, by=OFFICE
        ),
    )
    assert_rejected(
        app,
        errors.Forbidden,
        "by.role",
        lambda: app.change_unit_leaders(
            unit_id=unit, main_leader=person("新书记"), deputy_leader=person("新副职"), by=REVIEWER
        ),
    )


def test_a_dissolved_unit_keeps_its_last_leaders(app: AssessmentApplication) -> None:
    absorbed, survivor = registered(app, "T01", YEAR - 1), registered(app, "T02", YEAR - 1)
    app.merge_units(unit_ids=[absorbed], into=survivor, effective_year=YEAR, by=OFFICE)
    assert_rejected(
        app,
        errors.UnitDissolved,
        "unit_id",
        lambda: app.change_unit_leaders(
            unit_id=absorbed,
            main_leader=person("新书记"),
            deputy_leader=person("新副职"),
            by=OFFICE,
        ),
    )


def test_a_split_whose_second_new_unit_has_a_taken_code_stores_neither_new_unit(
    app: AssessmentApplication,
) -> None:
    original = registered(app, "T01", YEAR - 1)
    registered(app, "T02")
    assert_rejected(
        app,
        errors.AlreadyExists,
        "code",
        lambda: app.split_unit(
            unit_id=original,
            new_units=[new_unit("N01"), new_unit("T02")],
            effective_year=YEAR,
            original_continues=True,
            by=OFFICE,
        ),
    )
    assert app.find(Unit, unit_id(app.jurisdiction, "N01")) is None
    assert app.read(Unit, original, field="unit_id").successors == []
    assert "SplitOff" not in topics(app)


def test_a_split_whose_second_code_is_taken_while_it_saves_stores_neither_new_unit(
    app: AssessmentApplication, store_url: str, clock: ManualClock
) -> None:
    """Another instance registers the second code between our decision and our save:
    the store refuses that unit's first event, so the whole transaction (first new
    unit and SplitOff included) is refused, and the retry meets ALREADY_EXISTS."""
    original = registered(app, "T01", YEAR - 1)
    rival = second_instance(store_url, clock, seed=41)
    save = app.save_aggregates

    def overtaken_save(*aggregates: Any, **kwargs: Any) -> Any:
        if app.find(Unit, unit_id(app.jurisdiction, "N02")) is None:
            registered(rival, "N02")
        return save(*aggregates, **kwargs)

    app.save_aggregates = overtaken_save  # type: ignore[method-assign]
    before = event_count(app)
    try:
        with pytest.raises(errors.AlreadyExists) as caught:
            app.split_unit(
                unit_id=original,
                new_units=[new_unit("N01"), new_unit("N02")],
                effective_year=YEAR,
                original_continues=True,
                by=OFFICE,
            )
    finally:
        rival.close()

    assert caught.value.field == "code"
    assert topics(app, after=before) == ["Registered"]  # the rival's N02 only
    assert app.find(Unit, unit_id(app.jurisdiction, "N01")) is None
    assert app.read(Unit, original, field="unit_id").successors == []


def test_a_merger_refused_by_one_merged_unit_stores_no_new_unit(
    app: AssessmentApplication,
) -> None:
    """The new unit is built first; the second merged unit, registered this very year,
    cannot merge away in it, so the new unit and the first MergedInto are dropped too."""
    old, young = registered(app, "T01", YEAR - 1), registered(app, "T02", YEAR)
    assert_rejected(
        app,
        errors.InvalidInput,
        "effective_year",
        lambda: app.merge_units(
            unit_ids=[old, young], new_unit=new_unit("M01"), effective_year=YEAR, by=OFFICE
        ),
    )
    assert app.find(Unit, unit_id(app.jurisdiction, "M01")) is None
    assert app.read(Unit, old, field="unit_id").until_year is None
    assert_rejected(
        app,
        errors.InvalidInput,
        "into",
        lambda: app.merge_units(unit_ids=[old, young], into=old, effective_year=YEAR, by=OFFICE),
    )
