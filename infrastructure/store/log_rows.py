"""Reading the chained log (domain/integrity/chain.py's LogRow) from a store: every
event with its chain hash, and every chain hash whose event is gone, in notification id
order, so a verifier sees what was removed as well as what was changed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from domain.integrity.chain import LogRow

PAGE = 10_000  # notification ids per window read
MAX_ID = 2**63 - 1

EventRow = tuple[int, bytes, int, str, bytes]


def merged(events: Sequence[EventRow], hashes: Sequence[tuple[int, bytes]]) -> Iterator[LogRow]:
    """One window's events and chain hashes (each sorted by notification id), joined."""
    i = j = 0
    while i < len(events) or j < len(hashes):
        event = events[i] if i < len(events) else None
        chained = hashes[j] if j < len(hashes) else None
        if chained is None or (event is not None and event[0] < chained[0]):
            assert event is not None
            yield (*event, None)
            i += 1
        elif event is None or chained[0] < event[0]:
            yield (chained[0], None, None, None, None, chained[1])
            j += 1
        else:
            yield (*event, chained[1])
            i, j = i + 1, j + 1


def windows(start: int, stop: int, last: int) -> Iterator[tuple[int, int]]:
    """Notification id windows [low, high] from `start` to min(stop, last)."""
    end = min(stop, last)
    while start <= end:
        yield start, min(start + PAGE - 1, end)
        start += PAGE


def as_bytes(value: Any) -> bytes | None:
    return None if value is None else bytes(value)
