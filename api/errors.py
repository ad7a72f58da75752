"""What clients see of a failure: domain errors with their stable code and field,
GraphQL's own validation messages, and nothing at all of anything unexpected."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from domain.errors import DomainError

UNEXPECTED = "Unexpected error."
log = logging.getLogger("dukao.api")


def client_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None:
        return error  # a parse or validation error: about the query, safe to show
    if isinstance(original, DomainError):
        extensions = {"code": original.code, "field": original.field}
        return GraphQLError(
            original.message, nodes=error.nodes, path=error.path, extensions=extensions
        )
    # The stack trace goes to the server's log, never to the client.
    log.error("unexpected error in %s", error.path, exc_info=original)
    return GraphQLError(
        UNEXPECTED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL"}
    )


class ErrorPolicy(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            result.errors = [client_error(error) for error in result.errors]
