"""What the score views have in common: rows computed from each year's result, kept as
versioned rows, written as the difference from what the table holds now."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from uuid import UUID

from domain.scoring.result import YearResult
from projections.batches import Batch
from projections.score_state import ScoreState
from projections.sql import ViewTransaction
from projections.versioned import Changes, Key, Values, VersionedTable, diff


class ResultView(ABC):
    """A versioned table whose rows are a function of each year's result; every key
    starts with the year id (text)."""

    name: str
    table: VersionedTable

    def __init__(self, state: ScoreState) -> None:
        self.state = state
        self._current: dict[str, dict[Key, Values]] = {}
        self._pending: dict[str, dict[Key, Values]] = {}

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.table.name,)

    @abstractmethod
    def rows(self, year_id: UUID, result: YearResult) -> dict[Key, Values]:
        """The view's rows for one year, keys and values as the table stores them."""

    def create_statements(self) -> list[str]:
        return self.table.create_statements()

    def reset(self, tx: ViewTransaction) -> None:
        self.table.reset(tx)

    def load(self, tx: ViewTransaction) -> None:
        self._current = {}
        for key, values in self.table.current(tx).items():
            self._current.setdefault(key[0], {})[key] = values

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        self._pending = {}
        for year_id in sorted(self.state.changed):
            result = self.state.results[year_id]
            new = self.rows(year_id, result)
            changes: Changes = diff(self._current.get(str(year_id), {}), new)
            if changes:
                self.table.write(tx, batch.last, changes)
            self._pending[str(year_id)] = new

    def committed(self) -> None:
        self._current.update(self._pending)
        self._pending = {}


def text(value: object) -> str | None:
    return None if value is None else str(value)


def texts(values: Sequence[object]) -> str:
    return ",".join(str(value) for value in values)
