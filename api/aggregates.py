"""Reading one aggregate by id for a query: the application's cached copy, never a
replay in a loop. Lists across aggregates are views' (projections/)."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from application.app import AssessmentApplication
from domain import errors
from domain.events import Aggregate

A = TypeVar("A", bound=Aggregate)


def cached(app: AssessmentApplication, kind: type[A], aggregate_id: UUID) -> A | None:
    """The aggregate for reading only (shared, never changed by a query), or None."""
    try:
        return app.read(kind, aggregate_id, field="id")
    except errors.NotFound:
        return None
