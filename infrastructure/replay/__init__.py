"""Reading a year's events for replay: the fastest reader each store allows."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.postgres import PostgresApplicationRecorder

from application.ports import YearEventSource
from application.year_events import LogYearEventSource
from infrastructure.replay.postgres import PostgresYearEventSource


def year_event_source(app: Application[UUID]) -> YearEventSource:
    """The direct table reader on PostgreSQL when events are stored as plain JSON (no
    cipher, no compressor); otherwise the library's notification log, which decodes
    whatever the mapper wrote."""
    recorder = app.recorder
    plain = app.mapper.cipher is None and app.mapper.compressor is None
    if isinstance(recorder, PostgresApplicationRecorder) and plain:
        return PostgresYearEventSource(recorder.datastore, recorder.events_table_name)
    return LogYearEventSource(app)
