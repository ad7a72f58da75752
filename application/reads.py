"""The versions a command decided on, checked by the store when it saves.

Commands read aggregates from the in-memory cache without asking the store whether they
are still current (no fast-forward round trip per read). Instead every aggregate a
command reads is noted here with the version it had, and the save sends the versions
of those it read but does not change; the store refuses the save when any of them has
newer events (optimistic concurrency on the read set, not only on the written set), in
the same transaction and under the same lock as the insert. The `@command` decorator
then forgets the stale cached copies and runs the command again on fresh state.

Aggregates a command changes need no such check: their new events take the next
versions, and the store's unique (originator_id, version) refuses a concurrent writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from uuid import UUID

ABSENT = 0  # the version of an aggregate the command found not to exist


@dataclass(frozen=True)
class ReadVersion:
    """An aggregate as a command saw it: the store checks no later version exists."""

    aggregate_id: UUID
    version: int


@dataclass
class ReadSet:
    versions: dict[UUID, int] = field(default_factory=dict)

    def note(self, aggregate_id: UUID, version: int) -> None:
        # The first sighting is what the command decided on; a later read of the same id
        # within the command comes from the same cache entry or a fresher one.
        self.versions.setdefault(aggregate_id, version)

    def unchanged(self, written: Iterable[UUID]) -> tuple[ReadVersion, ...]:
        """The reads the store must check: those the command does not also write."""
        skip = set(written)
        return tuple(
            ReadVersion(aggregate_id, version)
            for aggregate_id, version in self.versions.items()
            if aggregate_id not in skip
        )

    def ids(self) -> set[UUID]:
        return set(self.versions)


_current: ContextVar[ReadSet | None] = ContextVar("read_set", default=None)


def current() -> ReadSet | None:
    """The read set of the command running in this context, if any."""
    return _current.get()


@contextmanager
def tracking() -> Iterator[ReadSet]:
    reads = ReadSet()
    token = _current.set(reads)
    try:
        yield reads
    finally:
        _current.reset(token)
