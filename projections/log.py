"""What projections read: the application's log, event by event, in log order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.events import DomainEvent
from domain.periods import OFFICE_TZ


@dataclass(frozen=True)
class Logged:
    """An event and its position in the log (the notification id)."""

    position: int
    event: DomainEvent

    @property
    def office_date(self) -> date:
        return self.event.timestamp.astimezone(OFFICE_TZ).date()


class EventLog(Protocol):
    def read(self, after: int, limit: int) -> Sequence[Logged]:
        """Up to `limit` events after position `after`, in order."""
        ...

    def head(self) -> int:
        """The last position written."""
        ...

    def wait(self, timeout: float) -> None:
        """Return when new events may have been written, or after `timeout` seconds."""
        ...
