"""A versioned view of rows owned by the aggregates a batch touched: for each of them
the view computes its rows again, and writes what changed (new versions, and removals
of rows the aggregate no longer has), so the view reads as of any checkpoint."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from projections.batches import Batch
from projections.sql import ViewTransaction
from projections.versioned import Changes, Key, Values, VersionedTable, diff
from projections.year_records import YearRecords

# The rows of one aggregate (a campaign, an assessment, a year), keyed; their owner is
# the aggregate, named in each key by `owner_of(key)`.
RowsOf = Callable[[YearRecords, UUID], dict[Key, Values]]


class RecordView:
    def __init__(
        self,
        name: str,
        table: VersionedTable,
        *,
        records: YearRecords,
        rows_of: RowsOf,
        owner_of: Callable[[Key], str],
        indexes: tuple[str, ...] = (),
    ) -> None:
        self.name, self.table, self.tables = name, table, (table.name,)
        self.records, self.rows_of, self.owner_of = records, rows_of, owner_of
        self.indexes = indexes
        self._current: dict[Key, Values] = {}
        self._pending: Changes = Changes()

    def create_statements(self) -> list[str]:
        return [*self.table.create_statements(), *self.indexes]

    def reset(self, tx: ViewTransaction) -> None:
        self.table.reset(tx)

    def load(self, tx: ViewTransaction) -> None:
        self._current = self.table.current(tx)

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        touched = {str(owner) for owner in self.records.touched}
        if not touched:
            self._pending = Changes()
            return
        old = {k: v for k, v in self._current.items() if self.owner_of(k) in touched}
        new: dict[Key, Values] = {}
        for owner in self.records.touched:
            new.update(self.rows_of(self.records, owner))
        self._pending = diff(old, new)
        if self._pending:
            self.table.write(tx, batch.last, self._pending)

    def committed(self) -> None:
        self._current.update(self._pending.upserts)
        for key in self._pending.deletes:
            self._current.pop(key, None)
        self._pending = Changes()
