"""Serve the GraphQL API over a store with uvicorn."""

from __future__ import annotations

import uvicorn

from api.app import create_app
from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings


def serve(settings: Settings, *, host: str, port: int) -> None:
    """Serve until interrupted. Served commands take the real time (SystemClock)."""
    application = build_application(settings)
    try:
        uvicorn.run(create_app(application), host=host, port=port, log_level="info")
    finally:
        application.close()
