"""`dukao serve --workers N --no-follow`: the API in N uvicorn worker processes, none of
which projects: `dukao project --follow` keeps the views up with the log beside them.

One Python process answers on one core at a time (the GIL), and its projection thread
takes turns with the requests; N workers answer on every core, and a batch projected
elsewhere takes none of their time. What it costs (docs/api.md, "Protection and
operations"): one more process to run and watch (the views stand still if the
projector stops: each worker's /readyz then says how far behind they are), N pools of
store connections, and N sets of read caches and kept answers (each worker keeps its
own; a kept answer is still looked up by the views' latest checkpoint read from the
store, so no worker serves one older than another's projector has committed).

The workers are spawned by uvicorn, so they build everything from the environment:
DUKAO_DATABASE_URL (set from --database-url) and the rest as for `dukao serve`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from api.app import create_app
from api.health import Check
from api.settings import ApiSettings
from application.app import AssessmentApplication
from infrastructure.bootstrap import build_application
from infrastructure.exports.downloads import OfficeExports
from infrastructure.imports.tables import read_table
from infrastructure.jurisdictions import JurisdictionApplications, Registry
from infrastructure.routing import RegistryJurisdictions
from infrastructure.settings import Settings
from infrastructure.views.follower import READY_LAG


def serve_workers(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Serve with `workers` processes until interrupted; the views are projected by
    another process."""
    from infrastructure.serve import check_served, create_views

    ApiSettings.from_env()  # a production setup without a key is refused before forking
    registry = Registry.from_env()
    check_served(settings, registry)
    application = build_application(settings)
    applications = JurisdictionApplications(registry) if registry else None
    try:  # before the first request: a city reads its counties' views
        create_views(application, settings)
        for place in registry.jurisdictions if registry and applications else ():
            if place.code != settings.jurisdiction:
                create_views(applications(place.code), place.settings)
    finally:
        application.close()
        if applications is not None:
            applications.close()
    os.environ["DUKAO_DATABASE_URL"] = settings.database_url
    config = uvicorn.Config(
        "infrastructure.serve_workers:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,
    )
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: the workers stop, as uvicorn's
        Multiprocess(config, sockets=[listening(config)]).run()


def listening(config: uvicorn.Config) -> socket.socket:
    """uvicorn's bound socket, said to be TCP. uvicorn binds it with `proto` 0, which the
    sockets it accepts inherit, and asyncio sets TCP_NODELAY only on IPPROTO_TCP ones:
    every small answer on a kept-alive connection then waits ~40 ms for the client's
    delayed ACK (Nagle; Kludex/uvicorn#3149). One process is not affected: asyncio binds
    its socket itself."""
    bound = config.bind_socket()
    return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, bound.detach())


def worker_app() -> FastAPI:
    """One worker's application, from the environment."""
    from infrastructure.serve import configure_logging

    settings, registry = Settings.from_env(), Registry.from_env()
    application = build_application(settings)
    applications = JurisdictionApplications(registry) if registry else None
    routes = RegistryJurisdictions(registry, applications) if registry and applications else None
    atexit.register(application.close)
    if applications is not None:
        atexit.register(applications.close)
    configure_logging()
    web = create_app(
        application,
        settings=ApiSettings.from_env(),
        table_reader=read_table,
        jurisdictions=routes,
        exports=OfficeExports(),
    )
    web.state.readiness.register("projections", views_lag(application))
    if registry is not None and applications is not None:
        for place in registry.jurisdictions:
            if place.code != settings.jurisdiction:
                check = views_lag(applications(place.code))
                web.state.readiness.register(f"projections:{place.code}", check)
    return web


def views_lag(application: AssessmentApplication) -> Check:
    """Ready while the views' latest checkpoint is within READY_LAG events of the log."""

    def check() -> str | None:
        head = application.recorder.max_notification_id() or 0
        lag = head - application.checkpoint().position
        if lag <= READY_LAG:
            return None
        return f"views {lag:,} events behind the log (is `dukao project --follow` running?)"

    return check
