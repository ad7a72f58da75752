"""Where the projection runner commits, whatever the size of its reads, and that a batch's
transaction is open only while its rows travel (projections/runner.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

from domain.events import DomainEvent
from projections import runner as runner_module
from projections.batches import Batch
from projections.log import Logged
from projections.runner import ProjectionRunner
from projections.sql import StagedWrites, ViewTransaction


@dataclass(frozen=True)
class Stamped:
    timestamp: datetime


def day_events(days: Sequence[int]) -> list[Logged]:
    """One event per entry, recorded at noon (office time) of that day of January."""
    start = datetime(2025, 1, 1, 4, tzinfo=UTC)  # 12:00 in Beijing
    return [
        Logged(position, cast(DomainEvent, Stamped(start + timedelta(days=day))))
        for position, day in enumerate(days, 1)
    ]


class ListLog:
    def __init__(self, logged: list[Logged]) -> None:
        self.logged = logged
        self.reads: list[tuple[int, int]] = []

    def read(self, after: int, limit: int) -> Sequence[Logged]:
        self.reads.append((after, limit))
        return [item for item in self.logged if item.position > after][:limit]

    def head(self) -> int:
        return self.logged[-1].position if self.logged else 0

    def wait(self, _timeout: float) -> None:
        return None


class Recorder:
    """A cursor that keeps what was sent to it."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    def execute(self, statement: Any, params: Any = ()) -> Any:
        self.sent.append((statement, params))

    def executemany(self, statement: Any, params: Any) -> Any:
        self.sent.append((statement, list(params)))

    def fetchall(self) -> Any:
        return []


class MemoryStore:
    def __init__(self, checkpoints: frozenset[int] = frozenset()) -> None:
        self.open = False
        self.cursor = Recorder()
        self.committed: list[int] = []
        self.tracked: dict[str, int] = {}
        self._checkpoints = checkpoints

    @contextmanager
    def transaction(self) -> Iterator[ViewTransaction]:
        self.open = True
        try:
            yield ViewTransaction(self.cursor, placeholder="%s")
        finally:
            self.open = False

    def position(self, view: str) -> int:
        return self.tracked.get(view, 0)

    def track(self, _tx: ViewTransaction, view: str, position: int) -> None:
        self.tracked[view] = position

    def forget(self, _tx: ViewTransaction, view: str) -> None:
        self.tracked.pop(view, None)

    def checkpoint(self, _tx: ViewTransaction, batch: Batch) -> None:
        self.committed.append(batch.last)

    def checkpoints(self, after: int) -> frozenset[int]:
        return frozenset(p for p in self._checkpoints if p > after)


class CountingView:
    name = "counting"
    tables = ("counting",)

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.batches: list[tuple[int, int]] = []
        self.open_while_writing: list[bool] = []

    def create_statements(self) -> list[str]:
        return []

    def reset(self, _tx: ViewTransaction) -> None:
        return None

    def load(self, _tx: ViewTransaction) -> None:
        return None

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        self.open_while_writing.append(self.store.open)
        self.batches.append((batch.first, batch.last))
        tx.executemany("INSERT INTO counting VALUES (%s)", [(i.position,) for i in batch.events])

    def committed(self) -> None:
        return None


def project(
    logged: list[Logged], *, read_size: int, batch_size: int, checkpoints: frozenset[int]
) -> tuple[CountingView, MemoryStore]:
    store = MemoryStore(checkpoints)
    view = CountingView(store)
    runner = ProjectionRunner(ListLog(logged), store, [view], batch_size=batch_size)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner_module, "READ_SIZE", read_size)
        runner.start()
        runner.catch_up()
    return view, store


DAYS = [0] * 7 + [1] * 3 + [2] * 12 + [4]


@pytest.mark.parametrize("read_size", [1, 2, 5, 7, 11, 1000])
def test_a_batch_is_an_office_day_however_the_log_is_read(read_size: int) -> None:
    view, store = project(
        day_events(DAYS), read_size=read_size, batch_size=50, checkpoints=frozenset()
    )
    assert view.batches == [(1, 7), (8, 10), (11, 22), (23, 23)]
    assert store.committed == [7, 10, 22, 23]


@pytest.mark.parametrize("read_size", [1, 3, 1000])
def test_a_batch_also_ends_at_its_size_and_at_every_earlier_checkpoint(read_size: int) -> None:
    view, _ = project(
        day_events(DAYS), read_size=read_size, batch_size=5, checkpoints=frozenset({3, 13})
    )
    assert view.batches == [(1, 3), (4, 7), (8, 10), (11, 13), (14, 18), (19, 22), (23, 23)]


def test_a_batch_is_computed_before_its_transaction_opens_and_sent_inside_it() -> None:
    view, store = project(day_events(DAYS), read_size=4, batch_size=50, checkpoints=frozenset())
    assert view.open_while_writing == [False, False, False, False]
    sent = [params for _, params in store.cursor.sent]
    assert sent == [[(i,) for i in range(a, b + 1)] for a, b in view.batches]


def test_a_view_that_reads_while_writing_a_batch_is_refused() -> None:
    staged = StagedWrites()
    with pytest.raises(TypeError, match="reads nothing while it writes"):
        staged.rows("SELECT 1")
    with pytest.raises(TypeError, match="reads nothing while it writes"):
        staged.columns("view_rankings")


def test_staged_statements_are_sent_in_the_order_recorded() -> None:
    staged = StagedWrites()
    staged.executemany("UPDATE t SET a = %s", [(1,), (2,)])
    staged.executemany("INSERT INTO t VALUES (%s)", [])  # nothing to send
    staged.execute("DELETE FROM t WHERE a = %s", (3,))
    staged.insert("t", ("a", "b"), [(4, "x"), (5, None)])
    staged.insert("t", ("a", "b"), [])  # nothing to send
    cursor = Recorder()
    staged.send(ViewTransaction(cursor, placeholder="?"))
    assert cursor.sent == [
        ("UPDATE t SET a = ?", [(1,), (2,)]),
        ("DELETE FROM t WHERE a = ?", (3,)),
        ("INSERT INTO t (a, b) VALUES (?, ?)", [(4, "x"), (5, None)]),
    ]
