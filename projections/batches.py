"""Where a projection commits: the batches its views are written in.

A batch never spans two office days, so the views can always be read exactly as they
stood at the end of any day, however the log was projected; it ends at every position
an earlier run committed at (its checkpoints), so a rebuild writes the same row versions
a live run wrote; and it holds at most `max_size` events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

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
    logged: Iterable[Logged], *, checkpoints: frozenset[int], max_size: int
) -> Iterator[Batch]:
    """The batches of `logged`, read lazily: a batch is yielded once the next event is
    seen to start another, or at the end."""
    current: list[Logged] = []
    day: date | None = None  # the office date of the current batch
    for item in logged:
        today = item.office_date
        if current and (
            len(current) >= max_size or current[-1].position in checkpoints or today != day
        ):
            yield Batch(current)
            current = []
        if not current:
            day = today
        current.append(item)
    if current:
        yield Batch(current)
