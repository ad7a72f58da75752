"""The web application: the GraphQL endpoint (with GraphiQL) at /graphql."""

from __future__ import annotations

from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from api.context import ApiContext
from api.event_counter import EventCounter
from api.schema import schema
from application.app import AssessmentApplication


def create_app(application: AssessmentApplication) -> FastAPI:
    """The caller owns `application` (and closes it): tests and the CLI build it."""
    counter = EventCounter(application.recorder)

    def context() -> ApiContext:
        return ApiContext(application, counter)

    web = FastAPI(title="dukao", description="目标督考: target-responsibility assessment")
    web.include_router(
        GraphQLRouter(schema, context_getter=context, graphql_ide="graphiql"), prefix="/graphql"
    )
    return web
