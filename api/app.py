"""The web application: GraphQL at /graphql (GraphiQL in development), /healthz,
/readyz and Prometheus /metrics, behind a body size limit and request telemetry."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from strawberry.fastapi import GraphQLRouter

from api.context import ApiContext
from api.event_counter import EventCounter
from api.health import Readiness, add_health_routes, database_check
from api.ports import TableReader
from api.schema import build_schema
from api.settings import ApiSettings
from api.telemetry import Metrics, RequestTelemetry
from application.app import AssessmentApplication


def create_app(
    application: AssessmentApplication,
    *,
    settings: ApiSettings,
    table_reader: TableReader,
) -> FastAPI:
    """The caller owns `application` (and closes it): tests and the CLI build it."""
    counter = EventCounter(application.recorder)

    async def context(request: Request) -> ApiContext:
        return ApiContext(
            application,
            counter,
            settings,
            table_reader,
            authorization=request.headers.get("authorization"),
        )

    web = FastAPI(
        title="dukao",
        description="目标督考: target-responsibility assessment",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        max_body_size=settings.max_body_bytes,  # 413 before the body is read whole
    )
    router = GraphQLRouter(
        build_schema(settings),
        context_getter=context,
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=False,
    )
    web.include_router(router, prefix="/graphql")
    readiness = Readiness()
    readiness.register("database", database_check(application))
    web.state.readiness = readiness
    add_health_routes(web, readiness)
    metrics = Metrics()

    @web.get("/metrics", include_in_schema=False)
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    web.add_middleware(RequestTelemetry, metrics=metrics)
    return web
