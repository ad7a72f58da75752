"""The composition root: settings, store, clock and ids wired into the application."""

from __future__ import annotations

import os

from application.app import AssessmentApplication
from application.ports import Clock, IdGenerator
from infrastructure.clock import RandomIds, SeededIds, SystemClock
from infrastructure.integrity.signing import Ed25519Signer
from infrastructure.integrity.verify import verify_store
from infrastructure.replay import year_event_source
from infrastructure.settings import Settings
from infrastructure.views.wiring import view_store


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
    application = AssessmentApplication(
        env,
        clock=clock or SystemClock(),
        ids=ids or RandomIds(),
        jurisdiction=settings.jurisdiction,
    )
    # Digests are signed with the key of DUKAO_DIGEST_SIGNING_KEY, if set.
    application.digest_signer = Ed25519Signer.from_env({**os.environ, **env})
    application.store_verifier = verify_store
    # Replays read the store's own fastest way; queries read the views kept beside it.
    application.year_event_source = year_event_source(application)
    application.view_reader = view_store(application, settings)
    if isinstance(ids, SeededIds):  # a reproducible year draws its public tokens too
        application.tokens = ids
    return application
