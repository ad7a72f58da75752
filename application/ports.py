"""What the application needs from the outside world, as protocols."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.events import DomainEvent


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware current time."""
        ...


class IdGenerator(Protocol):
    def new_id(self) -> UUID: ...


class TokenSource(Protocol):
    def draw(self, count: int) -> list[str]:
        """`count` fresh public evaluation tokens (URL-safe, unguessable in production)."""
        ...


@dataclass(frozen=True)
class IdempotencyRecord:
    """A command accepted under a key: its input hash and its result, stored in the same
    transaction as the command's events."""

    key: str
    request_hash: str
    result: bytes


class IdempotencyRecorder(Protocol):
    def find_idempotency_record(self, key: str) -> IdempotencyRecord | None: ...


class YearEventSource(Protocol):
    """Reads the events of one assessment year, in log order, for the scoring engine:
    the year itself, every aggregate created for it, and the units of its jurisdiction."""

    def year_events(self, *, year_id: UUID, jurisdiction: str) -> Iterator[DomainEvent]: ...
