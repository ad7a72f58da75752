"""Assessed units (被考核单位): register, rename, recategorize, change leaders, split,
merge; and one unit by id."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.aggregates import cached
from api.common import Changed, CommandInput, PersonInput
from api.context import ApiContext
from api.inputs import optional_uuid, uuid_of, uuids_of
from api.mutation import Run, ident, mutation
from api.permissions import QUERY_SCOPES, Guard, ReadScope, require_reader
from application.units import NewUnit
from domain import errors
from domain.actors import Duty
from domain.unit import Unit

_UNITS = Guard(Duty.MANAGE_UNITS)
_NEW_UNIT_FIELDS = frozenset({"code", "name", "category"})


@contextmanager
def new_unit_at(path: str) -> Iterator[None]:
    """A new unit's own fields are refused by the domain by their bare names (`code`):
    name them where the input holds them (`input.unit.code`)."""
    try:
        yield
    except errors.DomainError as error:
        if error.field in _NEW_UNIT_FIELDS:
            error.field = f"{path}.{error.field}"
        raise


@strawberry.type(description="A leader of a unit.")
class Leader:
    name: str = strawberry.field(description="Full name.")
    title: str | None = strawberry.field(description="Post.")


@strawberry.type(name="Unit", description="An assessed unit (被考核单位) across the years.")
class UnitType:
    id: strawberry.ID = strawberry.field(description="The unit's id.")
    code: str = strawberry.field(description="Its code in the jurisdiction.")
    name: str = strawberry.field(description="Its latest name.")
    category: str = strawberry.field(description="Its latest category.")
    main_leader: Leader = strawberry.field(description="主要领导.")
    deputy_leader: Leader = strawberry.field(description="分管领导.")
    since_year: int = strawberry.field(description="First year it existed.")
    until_year: int | None = strawberry.field(description="Year it ceased (split or merged).")
    predecessors: list[strawberry.ID] = strawberry.field(description="Units it came from.")
    successors: list[strawberry.ID] = strawberry.field(description="Units it went into.")

    @classmethod
    def of(cls, unit: Unit) -> UnitType:
        return cls(
            id=ident(unit.id),
            code=unit.code,
            name=unit.names[-1][1],
            category=unit.categories[-1][1],
            main_leader=Leader(name=unit.main_leader.name, title=unit.main_leader.title),
            deputy_leader=Leader(name=unit.deputy_leader.name, title=unit.deputy_leader.title),
            since_year=unit.since_year,
            until_year=unit.until_year,
            predecessors=[ident(u) for u in unit.predecessors],
            successors=[ident(u) for u in unit.successors],
        )


def unit(
    info: Info[ApiContext, None],
    id: Annotated[strawberry.ID, strawberry.argument(description="The unit's id.")],
) -> UnitType | None:
    unit_id = uuid_of(id, "id")
    require_reader(info.context.actor(), ReadScope.UNIT, unit_id)
    found = cached(info.context.application, Unit, unit_id)
    return UnitType.of(found) if found else None


QUERY_SCOPES["unit"] = ReadScope.UNIT


@strawberry.type
class UnitQueries:
    unit: UnitType | None = strawberry.field(
        resolver=unit, description="One unit by id (a unit user: only its own)."
    )


@strawberry.input(description="A unit to register.")
class NewUnitInput:
    code: str = strawberry.field(description="Code in the jurisdiction: letters, digits, _ or -.")
    name: str = strawberry.field(description="Its name.")
    category: str = strawberry.field(description="Its category, e.g. `town`.")
    main_leader: PersonInput = strawberry.field(description="主要领导.")
    deputy_leader: PersonInput = strawberry.field(description="分管领导.")

    def value(self, path: str) -> NewUnit:
        return NewUnit(
            code=self.code,
            name=self.name,
            category=self.category,
            main_leader=self.main_leader.value(f"{path}.mainLeader"),
            deputy_leader=self.deputy_leader.value(f"{path}.deputyLeader"),
        )


@strawberry.input(description="Register a unit from a year on.")
class RegisterUnitInput(CommandInput):
    unit: NewUnitInput = strawberry.field(description="The unit.")
    since_year: int = strawberry.field(description="The first year it exists.")


@strawberry.input(description="A change to one unit from a year on.")
class UnitChangeInput(CommandInput):
    unit_id: strawberry.ID = strawberry.field(description="The unit.")


@strawberry.input(description="A new name from a year on.")
class RenameUnitInput(UnitChangeInput):
    name: str = strawberry.field(description="The new name.")
    effective_year: int = strawberry.field(description="The first year it applies to.")


@strawberry.input(description="A new category from a year on.")
class RecategorizeUnitInput(UnitChangeInput):
    category: str = strawberry.field(description="The new category.")
    effective_year: int = strawberry.field(description="The first year it applies to.")


@strawberry.input(description="The unit's leaders now.")
class ChangeUnitLeadersInput(UnitChangeInput):
    main_leader: PersonInput = strawberry.field(description="主要领导.")
    deputy_leader: PersonInput = strawberry.field(description="分管领导.")


@strawberry.input(description="New units split off one (seed 000: a district split off).")
class SplitUnitInput(UnitChangeInput):
    new_units: list[NewUnitInput] = strawberry.field(description="The units split off.")
    effective_year: int = strawberry.field(description="Their first year.")
    original_continues: bool = strawberry.field(description="Whether the original goes on.")


@strawberry.input(description="Units merged into an existing unit or into a new one.")
class MergeUnitsInput(CommandInput):
    unit_ids: list[strawberry.ID] = strawberry.field(description="The units merged away.")
    effective_year: int = strawberry.field(description="The successor's first merged year.")
    into: strawberry.ID | None = strawberry.field(
        default=None, description="The surviving unit; or give `newUnit`."
    )
    new_unit: NewUnitInput | None = strawberry.field(
        default=None, description="A new unit formed by the merger; or give `into`."
    )


@strawberry.type(description="The units a split created.")
class UnitsSplit:
    unit_ids: list[strawberry.ID] = strawberry.field(description="The new units, in order.")


@strawberry.type
class UnitMutations:
    @mutation(_UNITS, "Register an assessed unit.")
    def register_unit(run: Run, input: RegisterUnitInput) -> Changed:
        new = input.unit.value("input.unit")
        with new_unit_at("input.unit"):
            unit_id = run.app.register_unit(
                unit=new, since_year=input.since_year, **run.command(input)
            )
        return Changed(id=ident(unit_id))

    @mutation(_UNITS, "Rename a unit from a year on.")
    def rename_unit(run: Run, input: RenameUnitInput) -> Changed:
        unit_id = run.app.rename_unit(
            unit_id=uuid_of(input.unit_id, "input.unitId"),
            name=input.name,
            effective_year=input.effective_year,
            **run.command(input),
        )
        return Changed(id=ident(unit_id))

    @mutation(_UNITS, "Move a unit to another category from a year on.")
    def recategorize_unit(run: Run, input: RecategorizeUnitInput) -> Changed:
        unit_id = run.app.recategorize_unit(
            unit_id=uuid_of(input.unit_id, "input.unitId"),
            category=input.category,
            effective_year=input.effective_year,
            **run.command(input),
        )
        return Changed(id=ident(unit_id))

    @mutation(_UNITS, "Record a unit's main leader and deputy leader in charge.")
    def change_unit_leaders(run: Run, input: ChangeUnitLeadersInput) -> Changed:
        unit_id = run.app.change_unit_leaders(
            unit_id=uuid_of(input.unit_id, "input.unitId"),
            main_leader=input.main_leader.value("input.mainLeader"),
            deputy_leader=input.deputy_leader.value("input.deputyLeader"),
            **run.command(input),
        )
        return Changed(id=ident(unit_id))

    @mutation(_UNITS, "Split new units off a unit; the original may go on or cease.")
    def split_unit(run: Run, input: SplitUnitInput) -> UnitsSplit:
        with new_unit_at("input.newUnits"):
            created = run.app.split_unit(
                unit_id=uuid_of(input.unit_id, "input.unitId"),
                new_units=[u.value(f"input.newUnits.{i}") for i, u in enumerate(input.new_units)],
                effective_year=input.effective_year,
                original_continues=input.original_continues,
                **run.command(input),
            )
        return UnitsSplit(unit_ids=[ident(u) for u in created])

    @mutation(_UNITS, "Merge units into a surviving unit or a new one.")
    def merge_units(run: Run, input: MergeUnitsInput) -> Changed:
        if len(input.unit_ids) > 100:
            raise errors.InvalidInput("merge at most 100 units at once", field="input.unitIds")
        with new_unit_at("input.newUnit"):
            successor = run.app.merge_units(
                unit_ids=uuids_of(input.unit_ids, "input.unitIds"),
                into=optional_uuid(input.into, "input.into"),
                new_unit=input.new_unit.value("input.newUnit") if input.new_unit else None,
                effective_year=input.effective_year,
                **run.command(input),
            )
        return Changed(id=ident(successor))
