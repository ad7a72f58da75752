"""An assessed unit (被考核单位) across years: identity, names, category, leaders, lineage.

Units are split and merged between years (seed 000: 恩阳区 split off 巴州区 and target
data had to be divided); successors and predecessors are recorded on both sides.
"""

from __future__ import annotations

import re
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp
from domain.ids import unit_id as make_unit_id
from domain.people import Person

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_CATEGORY = re.compile(r"^[a-z_]{1,40}$")


class Unit(Aggregate):
    class Registered(Aggregate.Created):
        jurisdiction: str
        code: str
        name: str
        category: str
        main_leader: Person
        deputy_leader: Person
        since_year: int
        predecessors: list[UUID]

        def apply(self, agg: Unit) -> None:
            agg.jurisdiction, agg.code = self.jurisdiction, self.code
            agg.names = [(self.since_year, self.name)]
            agg.categories = [(self.since_year, self.category)]
            agg.main_leader, agg.deputy_leader = self.main_leader, self.deputy_leader
            agg.since_year, agg.until_year = self.since_year, None
            agg.predecessors, agg.successors = list(self.predecessors), []

    class Renamed(Aggregate.Event):
        name: str
        effective_year: int

        def apply(self, agg: Unit) -> None:
            agg.names.append((self.effective_year, self.name))

    class Recategorized(Aggregate.Event):
        category: str
        effective_year: int

        def apply(self, agg: Unit) -> None:
            agg.categories.append((self.effective_year, self.category))

    class LeadersChanged(Aggregate.Event):
        main_leader: Person
        deputy_leader: Person

        def apply(self, agg: Unit) -> None:
            agg.main_leader, agg.deputy_leader = self.main_leader, self.deputy_leader

    class SplitOff(Aggregate.Event):
        """New units were split off this one; it ceases if `continues` is false."""

        successors: list[UUID]
        effective_year: int
        continues: bool

        def apply(self, agg: Unit) -> None:
            agg.successors.extend(self.successors)
            if not self.continues:
                agg.until_year = self.effective_year

    class MergedInto(Aggregate.Event):
        successor: UUID
        effective_year: int

        def apply(self, agg: Unit) -> None:
            agg.successors.append(self.successor)
            agg.until_year = self.effective_year

    class Absorbed(Aggregate.Event):
        predecessors: list[UUID]
        effective_year: int

        def apply(self, agg: Unit) -> None:
            agg.predecessors.extend(self.predecessors)

    jurisdiction: str
    code: str
    names: list[tuple[int, str]]
    categories: list[tuple[int, str]]
    main_leader: Person
    deputy_leader: Person
    since_year: int
    until_year: int | None
    predecessors: list[UUID]
    successors: list[UUID]

    @classmethod
    def register(
        cls,
        *,
        jurisdiction: str,
        code: str,
        name: str,
        category: str,
        main_leader: Person,
        deputy_leader: Person,
        since_year: int,
        predecessors: list[UUID] | None = None,
        stamp: Stamp,
    ) -> Unit:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        if not _CODE.match(code):
            raise errors.InvalidInput("code: 1-32 letters, digits, '-' or '_'", field="code")
        _check_name(name)
        _check_category(category)
        _check_year(since_year, "since_year")
        return cls._begin(
            cls.Registered,
            id=make_unit_id(jurisdiction, code),
            stamp=stamp,
            jurisdiction=jurisdiction,
            code=code,
            name=name.strip(),
            category=category,
            main_leader=main_leader,
            deputy_leader=deputy_leader,
            since_year=since_year,
            predecessors=predecessors or [],
        )

    def rename(self, *, name: str, effective_year: int, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        _check_name(name)
        self._require_exists(effective_year)
        if self.name_in(effective_year) == name.strip():
            raise errors.InvalidInput("the unit already has that name", field="name")
        self._record(self.Renamed, stamp, name=name.strip(), effective_year=effective_year)

    def recategorize(self, *, category: str, effective_year: int, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        _check_category(category)
        self._require_exists(effective_year)
        if self.category_in(effective_year) == category:
            raise errors.InvalidInput("the unit is already in that category", field="category")
        self._record(self.Recategorized, stamp, category=category, effective_year=effective_year)

    def change_leaders(self, *, main_leader: Person, deputy_leader: Person, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        if self.until_year is not None:
            raise errors.UnitDissolved("a dissolved unit keeps its last leaders", field="unit_id")
        self._record(
            self.LeadersChanged, stamp, main_leader=main_leader, deputy_leader=deputy_leader
        )

    def split_off(
        self, *, successors: list[UUID], effective_year: int, continues: bool, stamp: Stamp
    ) -> None:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        self._require_not_dissolved()
        self._require_exists(effective_year)
        if effective_year <= self.since_year:
            raise errors.InvalidInput(
                "a split takes effect after the unit's first year", field="effective_year"
            )
        if not successors or self.id in successors:
            raise errors.InvalidInput(
                "a split needs at least one new unit other than this one", field="new_units"
            )
        self._record(
            self.SplitOff,
            stamp,
            successors=successors,
            effective_year=effective_year,
            continues=continues,
        )

    def merge_into(self, *, successor: UUID, effective_year: int, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        self._require_not_dissolved()
        self._require_exists(effective_year)
        if successor == self.id:
            raise errors.InvalidInput("a unit cannot merge into itself", field="into")
        if effective_year <= self.since_year:
            raise errors.InvalidInput(
                "a merger takes effect after the unit's first year", field="effective_year"
            )
        self._record(self.MergedInto, stamp, successor=successor, effective_year=effective_year)

    def absorb(self, *, predecessors: list[UUID], effective_year: int, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.MANAGE_UNITS)
        self._require_exists(effective_year)
        if not predecessors or self.id in predecessors:
            raise errors.InvalidInput(
                "a unit absorbs at least one other unit", field="predecessors"
            )
        self._record(self.Absorbed, stamp, predecessors=predecessors, effective_year=effective_year)

    def existed_in(self, year: int) -> bool:
        return self.since_year <= year and (self.until_year is None or year < self.until_year)

    def name_in(self, year: int) -> str:
        return _as_of(self.names, year)

    def category_in(self, year: int) -> str:
        return _as_of(self.categories, year)

    def _require_not_dissolved(self) -> None:
        # A unit ends once; a second split or merger would rewrite where its targets went.
        if self.until_year is not None:
            raise errors.UnitDissolved(
                f"unit {self.code} was dissolved in {self.until_year}", field="unit_id"
            )

    def _require_exists(self, year: int) -> None:
        _check_year(year, "effective_year")
        if not self.existed_in(year):
            raise errors.UnitNotInYear(
                f"unit {self.code} did not exist in {year}", field="effective_year"
            )


def _as_of(history: list[tuple[int, str]], year: int) -> str:
    current = history[0][1]
    for since, value in sorted(history, key=lambda entry: entry[0]):
        if since <= year:
            current = value
    return current


def _check_name(name: str) -> None:
    if not name.strip() or len(name) > 80:
        raise errors.InvalidInput("name: 1-80 characters", field="name")


def _check_category(category: str) -> None:
    if not _CATEGORY.match(category):
        raise errors.InvalidInput("category: a lower-case key such as 'town'", field="category")


def _check_year(year: int, field: str) -> None:
    if not 2000 <= year <= 2100:
        raise errors.InvalidInput(f"{field}: {year} is out of range 2000..2100", field=field)
