"""What the score views have in common: rows computed from each year's result, kept as
versioned rows, written as the difference from what the table holds now."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from functools import lru_cache
from uuid import UUID

from domain.scoring.result import YearResult
from projections.batches import Batch
from projections.score_state import ScoreState
from projections.sql import ViewTransaction
from projections.versioned import Changes, Key, Values, VersionedTable, diff


class ResultView(ABC):
    """A versioned table whose rows are a function of each year's result, unit by unit:
    every key starts with the year id (text), and every row belongs to one unit."""

    name: str
    table: VersionedTable

    def __init__(self, state: ScoreState) -> None:
        self.state = state
        self._current: dict[tuple[str, str], dict[Key, Values]] = {}  # (year, unit) → rows
        self._pending: dict[tuple[str, str], dict[Key, Values]] = {}

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.table.name,)

    @abstractmethod
    def rows(self, year_id: UUID, result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        """The view's rows of `units` in one year, keys and values as the table keeps them."""

    @abstractmethod
    def unit_of(self, key: Key, values: Values) -> str:
        """The unit a row belongs to (text)."""

    def create_statements(self) -> list[str]:
        return self.table.create_statements()

    def reset(self, tx: ViewTransaction) -> None:
        self.table.reset(tx)

    def load(self, tx: ViewTransaction) -> None:
        self._current = {}
        for key, values in self.table.current(tx).items():
            self._current.setdefault((key[0], self.unit_of(key, values)), {})[key] = values

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        self._pending = {}
        upserts: dict[Key, Values] = {}
        deletes: set[Key] = set()
        for year_id, units in sorted(self.state.changed.items()):
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
        self._pending = {}


# The same few thousand unit and target ids are turned into text on every batch.
uuid_text: Callable[[UUID], str] = lru_cache(maxsize=1 << 17)(str)


def text(value: object) -> str | None:
    if value is None:
        return None
    return uuid_text(value) if isinstance(value, UUID) else str(value)


def texts(values: Sequence[object]) -> str:
    return ",".join(str(value) for value in values)
