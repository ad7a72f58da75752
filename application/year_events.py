"""Which stored events belong to an assessment year, and a reader that works on any store.

A year's aggregates are known by their first event: the year itself, every aggregate
whose "created" event names the year (`year_id`: target lists, monthly returns, bonuses,
sanctions, notices, red-flag rounds, and whatever is added later the same way), and the
units of the year's jurisdiction (their codes and names label the results). The log is
read once, in order; an aggregate's first event always precedes its others, so deciding
membership at version 1 is enough.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from eventsourcing.utils import resolve_topic

from domain.events import DomainEvent
from domain.unit import Unit

ScopeKind = Literal["unit", "year", "none"]

# The notification log is read in pages this large: few round trips, bounded memory.
PAGE = 10_000


class YearScope:
    """Decides, row by row in log order, whether a stored event belongs to the year."""

    def __init__(self, *, year_id: UUID | str, jurisdiction: str) -> None:
        """Aggregates are known by their id as the reader has it (a UUID, or its text
        when a store hands out text); `members` holds them the same way."""
        self.year_id = year_id
        self.jurisdiction = jurisdiction
        self.members: set[UUID | str] = {year_id}
        self._year = str(year_id)
        self._kinds: dict[str, ScopeKind] = {}

    def admits(
        self,
        originator_id: UUID | str,
        version: int,
        topic: str,
        created: Mapping[str, Any],
    ) -> bool:
        """`created` holds the fields of the aggregate's first event (callers skip parsing
        it when `members` or `kind_of` already decide)."""
        if originator_id in self.members:
            return True
        if version != 1:
            return False
        kind = self.kind_of(topic)
        if kind == "none":
            return False
        if kind == "unit":
            admitted = created.get("jurisdiction") == self.jurisdiction
        else:
            admitted = str(created.get("year_id")) == self._year
        if admitted:
            self.members.add(originator_id)
        return admitted

    def kind_of(self, topic: str) -> ScopeKind:
        kind = self._kinds.get(topic)
        if kind is None:
            kind = self._kinds[topic] = _kind(resolve_topic(topic))
        return kind


def _kind(event_class: type) -> ScopeKind:
    if issubclass(event_class, Unit.Registered):
        return "unit"
    fields = getattr(event_class, "model_fields", {})
    return "year" if "year_id" in fields else "none"


class LogYearEventSource:
    """Reads the application's notification log through the library's recorder and
    mapper, so it works on every store (and with a cipher or compressor configured)."""

    def __init__(self, app: Application[UUID], page: int = PAGE) -> None:
        self._app = app
        self._page = page

    def year_events(self, *, year_id: UUID, jurisdiction: str) -> Iterator[DomainEvent]:
        scope = YearScope(year_id=year_id, jurisdiction=jurisdiction)
        start = 1
        while True:
            page = self._app.recorder.select_notifications(start=start, limit=self._page)
            for stored in page:
                event = self._admitted(scope, stored)
                if event is not None:
                    yield event
            if len(page) < self._page:
                return
            start = page[-1].id + 1

    def _admitted(self, scope: YearScope, stored: Notification) -> DomainEvent | None:
        if stored.originator_id not in scope.members and (
            stored.originator_version != 1 or scope.kind_of(stored.topic) == "none"
        ):
            return None
        event = cast(DomainEvent, self._app.mapper.to_domain_event(stored))
        admitted = scope.admits(
            event.originator_id, event.originator_version, stored.topic, event.__dict__
        )
        return event if admitted else None
