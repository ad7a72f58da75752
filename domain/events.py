"""The one base class of every event, and the aggregate base on the eventsourcing library.

Every event carries `EventMeta` (who, in which role and unit, why, about which period,
in which request) and the library's `timestamp`, which is the recorded-at time taken from
the application's injectable clock. Events record facts and decisions, never derived
points (DOMAIN.md §2).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from eventsourcing.domain import BaseAggregate, CanInitAggregate, CanMutateAggregate
from pydantic import AwareDatetime, BaseModel, ConfigDict

from domain.actors import Actor
from domain.copying import copy_object
from domain.vocabulary import Role


class Value(BaseModel):
    """Immutable value object."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # Frozen, so a copy could never differ: commands deep-copy cached aggregates,
        # and sharing their values keeps that copy cheap.
        return self


class EventMeta(Value):
    actor_id: str
    actor_role: Role
    acting_unit: UUID | None = None
    effective_period: str | None = None
    reason: str | None = None
    correlation_id: str | None = None


class Stamp(Value):
    """Who decides, when and why: turned into an event's metadata and timestamp."""

    actor_id: str
    actor_role: Role
    acting_unit: UUID | None = None
    correlation_id: str | None = None
    # Aware only: a naive time would be read as the server's local time, and month ends
    # and due days are judged in office time (UTC+8).
    at: AwareDatetime
    reason: str | None = None
    effective_period: str | None = None

    @classmethod
    def of(cls, actor: Actor, *, at: datetime, correlation_id: str | None = None) -> Stamp:
        return cls(
            actor_id=actor.user_id,
            actor_role=actor.role,
            acting_unit=actor.unit_id,
            at=at,
            correlation_id=correlation_id,
        )

    def because(self, reason: str | None) -> Stamp:
        return self.model_copy(update={"reason": reason})

    def about(self, period: str | None) -> Stamp:
        return self.model_copy(update={"effective_period": period})

    def meta(self) -> EventMeta:
        return EventMeta(
            actor_id=self.actor_id,
            actor_role=self.actor_role,
            acting_unit=self.acting_unit,
            effective_period=self.effective_period,
            reason=self.reason,
            correlation_id=self.correlation_id,
        )


class DomainEvent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    originator_id: UUID
    originator_version: int
    timestamp: datetime
    meta: EventMeta

    @property
    def recorded_at(self) -> datetime:
        return self.timestamp


def event_field(event: DomainEvent, name: str) -> Any:
    """The event's field `name`, or None for an event without one. Asking a pydantic
    model for a field it lacks raises and catches an AttributeError inside
    `BaseModel.__getattr__`, which projections folding a city's million events paid for
    several times an event."""
    return getattr(event, name) if _has(type(event), name) else None


@lru_cache(maxsize=4096)
def _has(kind: type[DomainEvent], name: str) -> bool:
    return name in kind.model_fields or hasattr(kind, name)


TEvent = TypeVar("TEvent", bound="Aggregate.Event")


class Aggregate(BaseAggregate[UUID]):
    """Base of every aggregate: events are pydantic models (as in the library's
    aggregate8 example), triggered explicitly with the stamp's time and metadata."""

    class Event(DomainEvent, CanMutateAggregate[UUID]):
        def apply(self, aggregate: Any) -> None:
            """Events that change no state of their aggregate leave it as it is."""

    class Created(Event, CanInitAggregate[UUID]):
        originator_topic: str

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        # The repository deep-copies a cached aggregate for every command; share what
        # is immutable in its state (domain/copying.py).
        return cast(Self, copy_object(self, {} if memo is None else memo))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The library makes an aggregate class with annotations a dataclass whose
        # __init__ needs every annotated attribute from the "created" event. Our state
        # is set by each event's apply(); the annotations are declarations for readers
        # and mypy, so hide them from the library while it builds the class.
        annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (mutated)
        declared = dict(annotations)
        annotations.clear()
        try:
            super().__init_subclass__(**kwargs)
        finally:
            annotations.update(declared)

    @classmethod
    def _begin(
        cls, event_class: type[Aggregate.Created], *, id: UUID, stamp: Stamp, **fields: Any
    ) -> Self:
        return cls._create(event_class, id=id, timestamp=stamp.at, meta=stamp.meta(), **fields)

    def _record(self, event_class: type[Aggregate.Event], stamp: Stamp, **fields: Any) -> None:
        self.trigger_event(event_class, timestamp=stamp.at, meta=stamp.meta(), **fields)
