"""What clients see of a failure: one convention everywhere, GraphQL error extensions.

- A broken rule (a domain error): its message, `extensions.code` (stable, part of the
  API: domain/errors.py) and `extensions.field`, the path of the input at fault
  (`input.weight`, `input.matter.title`) or `authorization` for the token.
- A malformed query or variable: GraphQL's own message, code `INVALID_QUERY`, and the
  field path when GraphQL names one.
- Anything unexpected: `Unexpected error.`, code `INTERNAL` and the request's
  `correlationId`; the stack trace goes to the server's log, never to the client.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from application import context
from domain.errors import DomainError, ImportRejected

UNEXPECTED = "Unexpected error."
log = logging.getLogger("dukao.api")
# graphql-core names the path of a bad variable value:
# `Variable '$input' has invalid value at .spec.weight: ...` (list items as `[0]`).
_VARIABLE_PATH = re.compile(r"Variable '\$(\w+)' (?:has|got) invalid value(?: at ([^:\s]+))?")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def input_path(field: str | None, prefix: str = "input") -> str | None:
    """A domain error's field (`unit_id`, `matter.title`) as the client's input path."""
    if field is None or field == "authorization" or field.startswith(f"{prefix}."):
        return field
    if field == "by" or field.startswith("by."):
        return "authorization"  # the actor is the token's, never the input's
    return ".".join([prefix, *(camel(part) for part in field.split("."))])


def domain_extensions(error: DomainError) -> dict[str, Any]:
    extensions: dict[str, Any] = {"code": error.code, "field": error.field}
    if isinstance(error, ImportRejected):
        extensions["problems"] = [
            {"row": p.row, "field": p.field, "message": p.message} for p in error.problems
        ]
    return extensions


def client_error(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, DomainError):
        return GraphQLError(
            original.message,
            nodes=error.nodes,
            path=error.path,
            extensions=domain_extensions(original),
        )
    if original is None or error.path is None:
        # Refused before execution (parse, validation, a variable that does not coerce):
        # about the client's own document and values, safe to show.
        return _query_error(error)
    correlation_id = context.correlation_id.get()
    log.error(
        "unexpected error in %s (correlation id %s)", error.path, correlation_id, exc_info=original
    )
    return GraphQLError(
        UNEXPECTED,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "INTERNAL", "correlationId": correlation_id},
    )


def _query_error(error: GraphQLError) -> GraphQLError:
    if error.extensions and "code" in error.extensions:
        return error
    found = _VARIABLE_PATH.search(error.message)
    field = None
    if found:
        path = re.sub(r"\[(\d+)\]", r".\1", found.group(2) or "")
        field = found.group(1) + path
    extensions = {"code": "INVALID_QUERY", "field": field}
    return GraphQLError(error.message, nodes=error.nodes, path=error.path, extensions=extensions)


class ErrorPolicy(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            result.errors = [client_error(error) for error in result.errors]
