"""The GraphQL schema: one query type joined from each feature's module."""

from __future__ import annotations

import strawberry

from api.errors import ErrorPolicy
from api.event_log import EventLogQueries
from api.years import YearQueries


def health() -> str:
    return "ok"


@strawberry.type(description="Read the assessment office's records.")
class Query(YearQueries, EventLogQueries):
    health: str = strawberry.field(
        resolver=health, description="`ok` while the service can answer."
    )


schema = strawberry.Schema(query=Query, extensions=[ErrorPolicy])
