"""The application that answers replay queries, wired as the composition root does."""

from __future__ import annotations

from typing import cast

from application.app import AssessmentApplication
from application.ports import Clock
from application.replay import ReplayQueries
from infrastructure.clock import RandomIds, SystemClock
from infrastructure.replay import year_event_source
from infrastructure.settings import Settings


def replay_application_class() -> type[ReplayQueries]:
    """`AssessmentApplication` once it has `ReplayQueries` among its bases (the composition
    root's wiring); until then the two joined. Joining them after that wiring would be an
    inconsistent method order, hence the check."""
    if issubclass(AssessmentApplication, ReplayQueries):
        return cast(type[ReplayQueries], AssessmentApplication)
    # The library names the events table after the application: keep "Assessment".
    return type("ReplayApplication", (ReplayQueries, AssessmentApplication), {"name": "Assessment"})


def replay_application(settings: Settings, *, clock: Clock | None = None) -> ReplayQueries:
    """The application with replay queries and the fastest event source for its store."""
    app = replay_application_class()(
        settings.eventsourcing_env(),
        clock=clock or SystemClock(),
        ids=RandomIds(),
        jurisdiction=settings.jurisdiction,
    )
    app.year_event_source = year_event_source(app)
    return app
