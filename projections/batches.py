"""Where a projection commits: the batches its views are written in.

A batch never spans two office days, so the views can always be read exactly as they
stood at the end of any day, however the log was projected; it ends at every position
an earlier run committed at (its checkpoints), so a rebuild writes the same row versions
a live run wrote; and it holds at most `max_size` events.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from projections.log import Logged


@dataclass(frozen=True)
class Batch:
    events: Sequence[Logged]

    @property
    def first(self) -> int:
        return self.events[0].position

    @property
    def last(self) -> int:
        return self.events[-1].position

    @property
    def recorded_at(self) -> datetime:
        """When the batch's last event was recorded: the log's own clock."""
        return self.events[-1].event.timestamp


def batches(
    logged: Sequence[Logged], *, checkpoints: frozenset[int], max_size: int
) -> Iterator[Batch]:
    current: list[Logged] = []
    for item in logged:
        if current and (
            len(current) >= max_size
            or current[-1].position in checkpoints
            or item.office_date != current[0].office_date
        ):
            yield Batch(current)
            current = []
        current.append(item)
    if current:
        yield Batch(current)
