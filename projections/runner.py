"""Runs views over the log: each batch's view writes, tracked positions and checkpoint
commit in one transaction, so a projection stopped at any moment (even killed) resumes
from its last commit with nothing written twice and nothing missed.

A batch's rows are worked out before its transaction opens (`StagedWrites`): the
transaction holds no lock while Python computes.

Views may share state (the scoring views share one fold of the year): every state
object takes every batch, then each view that has not yet written the batch writes it.
On start the states are folded up to the lowest tracked position without writing, and
each view reads its current rows as the baseline it writes changes against, so a view
rebuilt alone catches up while the others keep their rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from projections.batches import Batch, batches
from projections.log import EventLog, Logged
from projections.sql import StagedWrites, ViewTransaction

READ_SIZE = 2000
BATCH_SIZE = 50_000  # a batch is an office day's events, at most this many
Progress = Callable[[int, int], None]  # (position reached, head)


class State(Protocol):
    """What several views read, folded once (for example the year's scoring facts)."""

    def apply(self, batch: Batch) -> None: ...


class View(Protocol):
    name: str
    tables: tuple[str, ...]  # every table the view writes

    def create_statements(self) -> list[str]: ...

    def reset(self, tx: ViewTransaction) -> None:
        """Remove every row (the first step of a rebuild)."""
        ...

    def load(self, tx: ViewTransaction) -> None:
        """Read the current rows: what the next batch's changes are written against."""
        ...

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        """Write what the batch changed (the states have already taken it). `tx` records
        the statements, sent once every view has written (`StagedWrites`)."""
        ...

    def committed(self) -> None:
        """The transaction holding the last write has committed."""
        ...


class ViewStore(Protocol):
    def transaction(self) -> AbstractContextManager[ViewTransaction]: ...
    def position(self, view: str) -> int: ...
    def track(self, tx: ViewTransaction, view: str, position: int) -> None: ...
    def forget(self, tx: ViewTransaction, view: str) -> None: ...
    def checkpoint(self, tx: ViewTransaction, batch: Batch) -> None: ...
    def checkpoints(self, after: int) -> frozenset[int]: ...


class ProjectionRunner:
    def __init__(
        self,
        log: EventLog,
        store: ViewStore,
        views: Sequence[View],
        states: Sequence[State] = (),
        *,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.log, self.store = log, store
        self.views, self.states = list(views), list(states)
        self.batch_size = batch_size
        self.positions: dict[str, int] = {}
        self.position = 0  # every state has taken the log up to here
        # Called after each batch has committed (the server drains its policies' outboxes)
        self.after_commit: Callable[[Batch], None] | None = None

    def start(self) -> None:
        with self.store.transaction() as tx:
            for view in self.views:
                for statement in view.create_statements():
                    tx.execute(statement)
        self.positions = {view.name: self.store.position(view.name) for view in self.views}
        target = min(self.positions.values(), default=0)
        for batch in self._read(until=target):
            for state in self.states:
                state.apply(batch)
        with self.store.transaction() as tx:
            for view in self.views:
                view.load(tx)
        self.position = target

    def rebuild(self, names: Sequence[str]) -> None:
        """Empty the named views and forget their positions, in one transaction."""
        with self.store.transaction() as tx:
            for view in self._named(names):
                for statement in view.create_statements():
                    tx.execute(statement)
                view.reset(tx)
                self.store.forget(tx, view.name)

    def catch_up(self, on_progress: Progress | None = None) -> int:
        """Project everything written so far; the position reached."""
        head = self.log.head()
        for batch in self._read(until=None):
            self._commit(batch)
            if on_progress:
                on_progress(batch.last, max(head, batch.last))
        return self.position

    def run(self, stop: threading.Event, *, poll: float = 0.05) -> None:
        """Follow the log until `stop` is set."""
        while not stop.is_set():
            before = self.position
            self.catch_up()
            if self.position == before:
                self.log.wait(poll)

    def _read(self, *, until: int | None) -> Iterator[Batch]:
        """The log's batches after the position reached. The log is read `READ_SIZE`
        events at a time, and the batches are cut from the stream of events, so where a
        batch ends depends on the log alone, never on where a read stopped."""
        checkpoints = self.store.checkpoints(self.position)
        return batches(self._events(until), checkpoints=checkpoints, max_size=self.batch_size)

    def _events(self, until: int | None) -> Iterator[Logged]:
        after = self.position
        while until is None or after < until:
            limit = READ_SIZE if until is None else min(READ_SIZE, until - after)
            logged: Sequence[Logged] = self.log.read(after, limit)
            if not logged:
                return
            yield from logged
            after = logged[-1].position

    def _commit(self, batch: Batch) -> None:
        for state in self.states:
            state.apply(batch)
        behind = [view for view in self.views if self.positions[view.name] < batch.last]
        staged = StagedWrites()
        for view in behind:
            view.write(staged, batch)
        with self.store.transaction() as tx:
            staged.send(tx)
            for view in behind:
                self.store.track(tx, view.name, batch.last)
            self.store.checkpoint(tx, batch)
        for view in behind:
            view.committed()
            self.positions[view.name] = batch.last
        self.position = batch.last
        if self.after_commit is not None:
            self.after_commit(batch)

    def _named(self, names: Sequence[str]) -> list[View]:
        known = {view.name: view for view in self.views}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(f"no view named {', '.join(unknown)}; views: {', '.join(known)}")
        return [known[name] for name in names] if names else list(self.views)
