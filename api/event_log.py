"""The event log as it was recorded: every fact, who caused it, when and why.

Events are read from the application's notification log. Their state is the JSON the
store wrote (orjson), parsed as data only: nothing in it is ever executed or resolved.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import orjson
import strawberry
from eventsourcing.persistence import Notification
from strawberry.types import Info

from api.context import ApiContext
from api.event_counter import event_type
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.vocabulary import Role
from domain import errors

MAX_PAGE = 500


@strawberry.type(description="One recorded event of the log, with who caused it and why.")
class LoggedEvent:
    id: int = strawberry.field(description="Position in the log; use it as `after` to page on.")
    topic: str = strawberry.field(
        description="The event's type within its aggregate, e.g. `AssessmentYear.Opened`."
    )
    originator_id: strawberry.ID = strawberry.field(description="Id of the aggregate it changed.")
    originator_version: int = strawberry.field(description="Version of that aggregate it made.")
    recorded_at: datetime = strawberry.field(description="When it was written (the app clock).")
    actor_id: str = strawberry.field(description="The user who caused it.")
    actor_role: Role = strawberry.field(description="The role the user acted in.")
    reason: str | None = strawberry.field(description="The reason or basis given, if any.")
    correlation_id: str | None = strawberry.field(
        description="The request that caused it (its X-Correlation-Id); null for anonymous ballots."
    )

    @classmethod
    def of(cls, notification: Notification) -> LoggedEvent:
        state = orjson.loads(notification.state)
        meta = state["meta"]
        return cls(
            id=notification.id,
            topic=event_type(notification.topic),
            originator_id=strawberry.ID(str(notification.originator_id)),
            originator_version=notification.originator_version,
            recorded_at=datetime.fromisoformat(state["timestamp"]),
            actor_id=meta["actor_id"],
            actor_role=Role(meta["actor_role"]),
            reason=meta.get("reason"),
            correlation_id=meta.get("correlation_id"),
        )


@strawberry.type(description="How many events of one type the log holds.")
class EventCount:
    topic: str = strawberry.field(description="The event type, as in `LoggedEvent.topic`.")
    count: int = strawberry.field(description="How many of them have been recorded.")


def event_log(
    info: Info[ApiContext, None],
    first: Annotated[
        int, strawberry.argument(description=f"How many events to return (1–{MAX_PAGE}).")
    ] = 20,
    after: Annotated[
        int | None,
        strawberry.argument(
            description="Return events after this log position; from the start when null."
        ),
    ] = None,
) -> list[LoggedEvent]:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    if not 1 <= first <= MAX_PAGE:
        raise errors.InvalidInput(f"first must be between 1 and {MAX_PAGE}", field="first")
    if after is not None and after < 0:
        raise errors.InvalidInput("after must not be negative", field="after")
    page = info.context.application.recorder.select_notifications(
        start=after or 0, limit=first, inclusive_of_start=False
    )
    return [LoggedEvent.of(notification) for notification in page]


def event_counts(info: Info[ApiContext, None]) -> list[EventCount]:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    counts = info.context.event_counter.counts()
    return [EventCount(topic=topic, count=counts[topic]) for topic in sorted(counts)]


QUERY_SCOPES.update(eventLog=ReadScope.ALL_UNITS, eventCounts=ReadScope.ALL_UNITS)


@strawberry.type
class EventLogQueries:
    event_log: list[LoggedEvent] = strawberry.field(
        resolver=event_log, description="Events in the order they were recorded, a page at a time."
    )
    event_counts: list[EventCount] = strawberry.field(
        resolver=event_counts, description="How many events of each type the log holds."
    )
