"""Reading the chained log (domain/integrity/chain.py's LogRow) from a store: every
event's canonical bytes with its chain hash, in notification id order, and on demand
the chain hashes whose events are gone (domain/integrity/verification.py)."""

from __future__ import annotations

from collections.abc import Iterator

PAGE = 10_000  # notification ids per window read, rows per chunk streamed
MAX_ID = 2**63 - 1


def windows(start: int, stop: int, last: int) -> Iterator[tuple[int, int]]:
    """Notification id windows [low, high] from `start` to min(stop, last)."""
    end = min(stop, last)
    while start <= end:
        yield start, min(start + PAGE - 1, end)
        start += PAGE
