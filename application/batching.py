"""Saves held and written together: one transaction for many commands.

For a single writer bringing in much history at once — a historic year's import, a
generated demo or benchmark year — a transaction per command costs a commit each. Inside
`AssessmentBase.batched_saves()` every command still runs as always (it loads, checks its
rules, triggers its events), but its events wait in memory with the aggregates it changed
(cached at once, so the next command sees them) and are written with the next commands'
in one store call every `size` commands, with the versions of everything the batch read
but did not write, as one command would. If anything raises inside, nothing unwritten is
kept: the pending events are dropped and the cached copies they changed forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from application.reads import ReadVersion
from domain.events import Aggregate, DomainEvent


@dataclass
class SaveBatch:
    size: int
    events: list[DomainEvent] = field(default_factory=list)
    aggregates: dict[UUID, Aggregate] = field(default_factory=dict)
    reads: dict[UUID, int] = field(default_factory=dict)
    commands: int = 0

    def add(
        self, events: list[DomainEvent], aggregates: list[Aggregate], reads: tuple[ReadVersion, ...]
    ) -> None:
        self.events.extend(events)
        for aggregate in aggregates:
            self.aggregates[aggregate.id] = aggregate
        for read in reads:
            self.reads.setdefault(read.aggregate_id, read.version)
        self.commands += 1

    @property
    def full(self) -> bool:
        return self.commands >= self.size

    def unchanged_reads(self) -> tuple[ReadVersion, ...]:
        """What the batch read and did not write: the store checks these still stand."""
        written = {event.originator_id for event in self.events}
        return tuple(
            ReadVersion(aggregate_id, version)
            for aggregate_id, version in self.reads.items()
            if aggregate_id not in written
        )
