"""The web application: GraphQL at /graphql (GraphiQL in development), downloads under
/exports, /healthz, /readyz and Prometheus /metrics, behind a body size limit and
request telemetry. With a registry of jurisdictions, `/j/<code>/graphql` and
`/j/<code>/exports/...` act in the jurisdiction named (api/jurisdiction_routing.py)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from strawberry.fastapi import GraphQLRouter

from api.context import ApiContext
from api.exports import Exports, add_export_routes
from api.health import Readiness, add_health_routes, database_check
from api.jurisdiction_routing import PATH_PREFIX, Jurisdictions, Router
from api.kept_answers import KeptAnswers
from api.ports import TableReader
from api.response_cache import ResponseCache
from api.schema import build_schema
from api.settings import ApiSettings
from api.telemetry import Metrics, RequestTelemetry
from application.app import AssessmentApplication


def create_app(
    application: AssessmentApplication,
    *,
    settings: ApiSettings,
    table_reader: TableReader,
    jurisdictions: Jurisdictions | None = None,
    exports: Exports | None = None,
) -> FastAPI:
    """The caller owns `application` and `jurisdictions` (and closes them): tests and
    the CLI build them. `application` is the served jurisdiction's."""
    router = Router(application, jurisdictions)

    async def context(request: Request) -> ApiContext:
        return ApiContext(
            router,
            settings,
            table_reader,
            authorization=request.headers.get("authorization"),
            jurisdiction=request.path_params.get("jurisdiction"),
            latest=request.scope.get("state", {}).get("latest_checkpoint"),
        )

    web = FastAPI(
        title="dukao",
        description="目标督考: target-responsibility assessment",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        max_body_size=settings.max_body_bytes,  # 413 before the body is read whole
    )
    graphql = GraphQLRouter(
        build_schema(settings),
        context_getter=context,
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=False,
    )
    web.include_router(graphql, prefix="/graphql")
    if jurisdictions is not None:
        web.include_router(graphql, prefix=f"{PATH_PREFIX}/graphql")
    if exports is not None:
        add_export_routes(web, router, settings, exports, routed=jurisdictions is not None)
    readiness = Readiness()
    readiness.register("database", database_check(application))
    web.state.readiness = readiness
    add_health_routes(web, readiness)
    metrics = Metrics()

    @web.get("/metrics", include_in_schema=False)
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    if settings.answers_cached:  # inside the telemetry: a kept answer is traced too
        cache = ResponseCache(settings.answers_cached)
        web.add_middleware(KeptAnswers, router=router, keys=settings.keys, cache=cache)
    web.add_middleware(RequestTelemetry, metrics=metrics)
    return web
