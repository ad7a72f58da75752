"""Serve the GraphQL API over a store with uvicorn: the API's composition root. The
views are kept up with the log by a projection thread in the same process, one per
jurisdiction when a registry is given (DUKAO_JURISDICTIONS): the served jurisdiction is
DUKAO_JURISDICTION on DUKAO_DATABASE_URL, the others are routed by `/j/<code>/…`."""

from __future__ import annotations

import logging
import sys

import uvicorn

from api.app import create_app
from api.settings import ApiSettings
from application.app import AssessmentApplication
from infrastructure.bootstrap import build_application
from infrastructure.exports.downloads import OfficeExports
from infrastructure.imports.tables import read_table
from infrastructure.jurisdictions import JurisdictionApplications, Registry
from infrastructure.routing import RegistryJurisdictions
from infrastructure.serve_workers import serve_workers, views_lag
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


def serve(
    settings: Settings, *, host: str, port: int, workers: int = 1, follow: bool = True
) -> None:
    """Serve until interrupted. Served commands take the real time (SystemClock).
    `follow`: project the views in this process; without, another process projects
    (`dukao project --follow`), as it must for more than one worker
    (infrastructure/serve_workers.py)."""
    if workers > 1 and follow:
        raise ValueError("--workers above 1 needs --no-follow and `dukao project --follow`")
    if workers > 1:
        serve_workers(settings, host=host, port=port, workers=workers)
        return
    api_settings = ApiSettings.from_env()  # refuses a production setup without a key
    registry = Registry.from_env()
    check_served(settings, registry)
    application = build_application(settings)
    applications = JurisdictionApplications(registry) if registry else None
    routes = RegistryJurisdictions(registry, applications) if registry and applications else None
    configure_logging()
    served = [(settings.jurisdiction, application, settings)]
    if registry is not None and applications is not None:
        served += [
            (j.code, applications(j.code), j.settings)
            for j in registry.jurisdictions
            if j.code != settings.jurisdiction
        ]
    for _, app, its in served:  # before the first request: a city reads its counties' views
        create_views(app, its)
    followers = [_follower(app, its) for _, app, its in served] if follow else []
    try:
        web = create_app(
            application,
            settings=api_settings,
            table_reader=read_table,
            jurisdictions=routes,
            exports=OfficeExports(),
        )
        checks = [f.readiness for f in followers] or [views_lag(app) for _, app, _ in served]
        web.state.readiness.register("projections", checks[0])
        for (code, _, _), check in list(zip(served, checks, strict=True))[1:]:
            web.state.readiness.register(f"projections:{code}", check)
        for follower in followers:
            follower.start()
        # Our own request log replaces uvicorn's access log: one line per request.
        uvicorn.run(web, host=host, port=port, log_level="info", access_log=False)
    finally:
        for follower in followers:
            follower.stop()
        application.close()
        if applications is not None:
            applications.close()


def _follower(application: AssessmentApplication, settings: Settings) -> ProjectionFollower:
    return ProjectionFollower(
        lambda: projection_runner(application, settings, listen=True),
        after_batch=red_warning_policy(application, settings).drain,
    )


def create_views(application: AssessmentApplication, settings: Settings) -> None:
    """Every view's tables, so a read before the first batch finds them empty."""
    runner = projection_runner(application, settings)
    try:
        with runner.store.transaction() as tx:
            for view in runner.views:
                for statement in view.create_statements():
                    tx.execute(statement)
    finally:
        runner.log.close()  # type: ignore[attr-defined]


def check_served(settings: Settings, registry: Registry | None) -> None:
    """The served jurisdiction, if the registry names it too, is on the same store."""
    if registry is None:
        return
    named = [j for j in registry.jurisdictions if j.code == settings.jurisdiction]
    if named and named[0].database_url != settings.database_url:
        raise ValueError(
            f"DUKAO_JURISDICTION {settings.jurisdiction!r} is in the registry on another "
            "store than DUKAO_DATABASE_URL"
        )
