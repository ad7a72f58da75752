"""What the score views have in common: rows computed from each year's result, kept as
versioned rows, written as the difference from what the table holds now."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import lru_cache
from uuid import UUID

from domain.scoring.live import UnitRecords
from domain.scoring.result import YearResult
from projections.batches import Batch
from projections.score_state import ScoreState
from projections.sql import ViewTransaction
from projections.versioned import Changes, Key, Values, VersionedTable, diff


class ResultView(ABC):
    """A versioned table whose rows are a function of each year's result, unit by unit:
    every key starts with the year id (text), and every row belongs to one unit.

    A view whose rows are a function of a part of the unit's records says which
    (`signature`): a unit whose part is the one its rows were last written from is not
    worked out again. The scorer keeps unchanged records as the same objects, so the
    comparison is mostly by identity; a city's day ranks most of its units again, and
    moves few of their lines."""

    name: str
    table: VersionedTable
    signed = False  # whether `signature` names what the rows are a function of

    def __init__(self, state: ScoreState) -> None:
        self.state = state
        self._current: dict[tuple[str, str], dict[Key, Values]] = {}  # (year, unit) → rows
        self._pending: dict[tuple[str, str], dict[Key, Values]] = {}
        self._signatures: dict[tuple[str, UUID], object] = {}  # of the rows in `_current`
        self._signing: dict[tuple[str, UUID], object] = {}  # of the rows in `_pending`

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.table.name,)

    @abstractmethod
    def rows(self, year_id: UUID, result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        """The view's rows of `units` in one year, keys and values as the table keeps them."""

    @abstractmethod
    def unit_of(self, key: Key, values: Values) -> str:
        """The unit a row belongs to (text)."""

    def signature(self, records: UnitRecords) -> object:
        """The part of the unit's records its rows are a function of; read only when the
        view is `signed`. By default the whole of them."""
        return records

    def create_statements(self) -> list[str]:
        return self.table.create_statements()

    def reset(self, tx: ViewTransaction) -> None:
        self.table.reset(tx)

    def load(self, tx: ViewTransaction) -> None:
        self._current, self._signatures = {}, {}
        for key, values in self.table.current(tx).items():
            self._current.setdefault((key[0], self.unit_of(key, values)), {})[key] = values

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        self._pending, self._signing = {}, {}
        upserts: dict[Key, Values] = {}
        deletes: set[Key] = set()
        for year_id, changed in sorted(self.state.changed.items()):
            units = self._changed_rows(year_id, changed) if self.signed else changed
            new = self.rows(year_id, self.state.results[year_id], units)
            by_unit: dict[str, dict[Key, Values]] = {uuid_text(unit): {} for unit in units}
            for key, values in new.items():
                by_unit[self.unit_of(key, values)][key] = values
            for unit, rows in by_unit.items():
                changes = diff(self._current.get((str(year_id), unit), {}), rows)
                upserts.update(changes.upserts)
                deletes.update(changes.deletes)
                self._pending[(str(year_id), unit)] = rows
        if upserts or deletes:
            self.table.write(tx, batch.last, Changes(upserts, frozenset(deletes)))

    def committed(self) -> None:
        self._current.update(self._pending)
        self._signatures.update(self._signing)
        self._pending, self._signing = {}, {}

    def _changed_rows(self, year_id: UUID, units: set[UUID]) -> set[UUID]:
        """The units whose signature is not the one their rows were last written from."""
        year, changed = str(year_id), set()
        for found in self.state.records(year_id, units):
            unit, mark = found.result.unit_id, self.signature(found)
            if self._signatures.get((year, unit), _NONE) != mark:
                changed.add(unit)
                self._signing[(year, unit)] = mark
        return changed


_NONE = object()  # no rows written yet


# The same few thousand unit and target ids are turned into text on every batch.
uuid_text: Callable[[UUID], str] = lru_cache(maxsize=1 << 17)(str)


def text(value: object) -> str | None:
    if value is None:
        return None
    return uuid_text(value) if isinstance(value, UUID) else str(value)


@lru_cache(maxsize=1024)  # a warning's whom-to-remind: a few distinct tuples, asked per row
def texts(values: tuple[object, ...]) -> str:
    return ",".join(str(value) for value in values)
