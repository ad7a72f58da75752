"""Commands on units: register, rename, recategorize, leaders, split, merge."""

from __future__ import annotations

from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain import errors
from domain.actors import Actor
from domain.events import Aggregate, Value
from domain.people import Person
from domain.unit import Unit


class NewUnit(Value):
    """A unit to register: on its own, split off another, or formed by a merger."""

    code: str
    name: str
    category: str
    main_leader: Person
    deputy_leader: Person


class UnitCommands(AssessmentBase):
    @command
    def register_unit(
        self, *, unit: NewUnit, since_year: int, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        registered = self._register(unit, since_year, [], by)
        return Outcome(registered.id, registered)

    @command
    def rename_unit(
        self,
        *,
        unit_id: UUID,
        name: str,
        effective_year: int,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        unit = self.load(Unit, unit_id, field="unit_id")
        unit.rename(name=name, effective_year=effective_year, stamp=self.stamp(by))
        return Outcome(unit.id, unit)

    @command
    def recategorize_unit(
        self,
        *,
        unit_id: UUID,
        category: str,
        effective_year: int,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        unit = self.load(Unit, unit_id, field="unit_id")
        unit.recategorize(category=category, effective_year=effective_year, stamp=self.stamp(by))
        return Outcome(unit.id, unit)

    @command
    def change_unit_leaders(
        self,
        *,
        unit_id: UUID,
        main_leader: Person,
        deputy_leader: Person,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        unit = self.load(Unit, unit_id, field="unit_id")
        unit.change_leaders(
            main_leader=main_leader, deputy_leader=deputy_leader, stamp=self.stamp(by)
        )
        return Outcome(unit.id, unit)

    @command
    def split_unit(
        self,
        *,
        unit_id: UUID,
        new_units: list[NewUnit],
        effective_year: int,
        original_continues: bool,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[list[UUID]]:
        original = self.load(Unit, unit_id, field="unit_id")
        codes = [spec.code for spec in new_units]
        if len(set(codes)) != len(codes):
            raise errors.InvalidInput("new units need distinct codes", field="new_units")
        created = [self._register(spec, effective_year, [original.id], by) for spec in new_units]
        original.split_off(
            successors=[u.id for u in created],
            effective_year=effective_year,
            continues=original_continues,
            stamp=self.stamp(by),
        )
        return Outcome([u.id for u in created], original, *created)

    @command
    def merge_units(
        self,
        *,
        unit_ids: list[UUID],
        into: UUID | None = None,
        new_unit: NewUnit | None = None,
        effective_year: int,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        if (into is None) == (new_unit is None):
            raise errors.InvalidInput(
                "merge into an existing unit or a new one, not both", field="into"
            )
        if len(set(unit_ids)) != len(unit_ids) or not unit_ids:
            raise errors.InvalidInput("name each merged unit once", field="unit_ids")
        merged = [self.load(Unit, u, field="unit_ids") for u in unit_ids]
        stamp = self.stamp(by)
        successor: Unit
        if new_unit is not None:
            successor = self._register(new_unit, effective_year, list(unit_ids), by)
        else:
            assert into is not None
            if into in unit_ids:
                raise errors.InvalidInput(
                    "the surviving unit is not merged into itself", field="into"
                )
            successor = self.load(Unit, into, field="into")
            successor.absorb(
                predecessors=list(unit_ids), effective_year=effective_year, stamp=stamp
            )
        for unit in merged:
            unit.merge_into(successor=successor.id, effective_year=effective_year, stamp=stamp)
        saved: list[Aggregate] = [successor, *merged]
        return Outcome(successor.id, *saved)

    def _register(
        self, spec: NewUnit, since_year: int, predecessors: list[UUID], by: Actor
    ) -> Unit:
        unit = Unit.register(
            jurisdiction=self.jurisdiction,
            code=spec.code,
            name=spec.name,
            category=spec.category,
            main_leader=spec.main_leader,
            deputy_leader=spec.deputy_leader,
            since_year=since_year,
            predecessors=predecessors,
            stamp=self.stamp(by),
        )
        if self.find(Unit, unit.id) is not None:
            raise errors.AlreadyExists(f"unit code '{spec.code}' is taken", field="code")
        return unit
