"""Every request traced: a correlation id (the client's X-Correlation-Id, or a new one)
that travels into the metadata of every event the request stores, one JSON log line
(operation, duration, status, correlation id, user id; never the token) and Prometheus
counts and latencies per jurisdiction and GraphQL operation.

The operation is named by the root fields it selects (`proposeTarget`, or
`assessmentYear+eventLog`), which the schema bounds; the client's free-text operation
name goes to the log only, so it cannot swell the metrics. The jurisdiction is the code
the request was routed to (the served one's for `/graphql`), which the registry bounds:
a path naming a code the server does not route counts as `_unknown`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

import orjson
from graphql import FieldNode, OperationDefinitionNode
from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from application import context

HEADER = "x-correlation-id"
log = logging.getLogger("dukao.requests")
_MAX_ROOT_FIELDS = 3
UNROUTED = "_unknown"  # not a code: codes are [a-z0-9-]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "dukao_graphql_requests",
            "GraphQL requests by jurisdiction, operation and outcome (ok, or the first "
            "error code).",
            ["jurisdiction", "operation", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "dukao_graphql_request_seconds",
            "GraphQL request latency by jurisdiction and operation.",
            ["jurisdiction", "operation"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )


def correlation_id_of(value: str | None) -> str:
    """The client's id when it is a sane token, else a new one: it is stored in events."""
    if value and len(value) <= 100 and value.isascii() and value.isprintable():
        return value
    return uuid.uuid4().hex


class RequestTelemetry:
    """Pure ASGI middleware, so the correlation id is set in the context every resolver
    and worker thread of the request inherits."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        correlation_id = correlation_id_of(headers.get(HEADER.encode(), b"").decode("latin-1"))
        token = context.correlation_id.set(correlation_id)
        state: dict[str, Any] = scope.setdefault("state", {})
        status = {"code": 500}
        started = time.perf_counter()

        async def send_traced(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (HEADER.encode(), correlation_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_traced)
        finally:
            context.correlation_id.reset(token)
            seconds = time.perf_counter() - started
            self._record(scope, state, status["code"], seconds, correlation_id)

    def _record(
        self, scope: Scope, state: dict[str, Any], status: int, seconds: float, cid: str
    ) -> None:
        graphql = state.get("graphql", {})
        operation = graphql.get("operation")
        if operation is not None:
            codes = graphql.get("codes") or ["ok"]
            jurisdiction = graphql.get("jurisdiction") or UNROUTED
            self.metrics.requests.labels(jurisdiction, operation, codes[0]).inc()
            self.metrics.latency.labels(jurisdiction, operation).observe(seconds)
        line = {
            "method": scope.get("method"),
            "path": scope.get("path"),
            "operation": operation,
            "operation_name": graphql.get("operation_name"),
            "status": status,
            "errors": graphql.get("codes", []),
            "duration_ms": round(seconds * 1000, 2),
            "correlation_id": cid,
            "user_id": graphql.get("user_id"),
        }
        log.info(orjson.dumps(line).decode())


class OperationRecorder(SchemaExtension):
    """Tells the middleware which operation ran, for whom, and how it ended."""

    def on_operation(self) -> Iterator[None]:
        yield
        execution = self.execution_context
        request = getattr(execution.context, "request", None)
        if request is None:
            return
        result = execution.result
        codes = [
            str((error.extensions or {}).get("code", "INVALID_QUERY"))
            for error in (result.errors or [] if result else [])
        ]
        actor = getattr(execution.context, "known_actor", None)
        request.state.graphql = {
            "jurisdiction": getattr(execution.context, "routed_jurisdiction", None),
            "operation": operation_label(execution),
            "operation_name": execution.operation_name,
            "codes": codes,
            "user_id": actor.user_id if actor else None,
        }


def operation_label(execution: Any) -> str:
    document = execution.graphql_document
    if document is None:
        return "invalid"
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [
        op
        for op in operations
        if execution.operation_name is None
        or (op.name and op.name.value == execution.operation_name)
    ]
    if len(chosen) != 1:
        return "invalid"
    operation = chosen[0]
    root = execution.schema._schema.get_root_type(operation.operation)
    fields = sorted(
        {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)}
    )
    # Only names the schema has become labels: a made-up field cannot mint a series.
    if root is None or not fields or any(name not in root.fields for name in fields):
        return "invalid"
    if len(fields) > _MAX_ROOT_FIELDS:
        return f"{operation.operation.value}:many"
    return "+".join(fields)
