"""The composition root: settings, store, clock and ids wired into the application."""

from __future__ import annotations

from application.app import AssessmentApplication
from application.ports import Clock, IdGenerator
from infrastructure.clock import RandomIds, SystemClock
from infrastructure.settings import Settings


def build_application(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    ids: IdGenerator | None = None,
    extra_env: dict[str, str] | None = None,
) -> AssessmentApplication:
    settings = settings or Settings.from_env()
    env = settings.eventsourcing_env()
    env.update(extra_env or {})
    return AssessmentApplication(
        env,
        clock=clock or SystemClock(),
        ids=ids or RandomIds(),
        jurisdiction=settings.jurisdiction,
    )
