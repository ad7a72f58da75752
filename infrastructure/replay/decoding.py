"""Stored rows to domain events, faster than the library's mapper for a bulk read.

The library's mapper builds a `StoredEvent` per row, parses the JSON to a dict, adds the
envelope and validates the dict. Here the envelope is spliced into the stored bytes and
pydantic-core validates the bytes in one call (its JSON parser is in Rust), with no
intermediate dict or `StoredEvent`: measured 15-30% faster on a generated year
(docs/replay.md). It reads state as `PydanticMapper` writes it, without a cipher or
compressor; `year_event_source` uses the library's mapper when either is set.
"""

from __future__ import annotations

from typing import cast

from eventsourcing.utils import resolve_topic

from domain.events import DomainEvent


class EventDecoder:
    def __init__(self) -> None:
        self._classes: dict[str, type[DomainEvent]] = {}

    def event_class(self, topic: str) -> type[DomainEvent]:
        found = self._classes.get(topic)
        if found is None:
            found = self._classes[topic] = cast(type[DomainEvent], resolve_topic(topic))
        return found

    def decode_json(self, topic: str, event_json: bytes) -> DomainEvent:
        """An event from its JSON with the envelope already in it."""
        validator = self.event_class(topic).__pydantic_validator__
        return cast(DomainEvent, validator.validate_json(event_json))
