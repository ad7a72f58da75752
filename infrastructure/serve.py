"""Serve the GraphQL API over a store with uvicorn: the API's composition root. The
views are kept up with the log by a projection thread in the same process."""

from __future__ import annotations

import logging
import sys

import uvicorn

from api.app import create_app
from api.settings import ApiSettings
from infrastructure.bootstrap import build_application
from infrastructure.imports.tables import read_table
from infrastructure.settings import Settings
from infrastructure.views.follower import ProjectionFollower
from infrastructure.views.wiring import projection_runner, red_warning_policy


def configure_logging() -> None:
    """Request lines are JSON already (api/telemetry.py): written as they are, to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    requests = logging.getLogger("dukao.requests")
    requests.handlers[:] = [handler]
    requests.setLevel(logging.INFO)
    requests.propagate = False
    errors = logging.getLogger("dukao")
    if not errors.handlers:
        fallback = logging.StreamHandler(sys.stderr)
        fallback.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        errors.addHandler(fallback)
        errors.setLevel(logging.INFO)


def serve(settings: Settings, *, host: str, port: int) -> None:
    """Serve until interrupted. Served commands take the real time (SystemClock)."""
    api_settings = ApiSettings.from_env()  # refuses a production setup without a key
    application = build_application(settings)
    configure_logging()
    follower = ProjectionFollower(
        lambda: projection_runner(application, settings, listen=True),
        after_batch=red_warning_policy(application, settings).drain,
    )
    try:
        web = create_app(application, settings=api_settings, table_reader=read_table)
        web.state.readiness.register("projections", follower.readiness)
        follower.start()
        # Our own request log replaces uvicorn's access log: one line per request.
        uvicorn.run(web, host=host, port=port, log_level="info", access_log=False)
    finally:
        follower.stop()
        application.close()
