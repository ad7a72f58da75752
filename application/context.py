"""Request-scoped values that travel with a command without cluttering its signature."""

from __future__ import annotations

from contextvars import ContextVar

# Set by the API (from the X-Correlation-Id header or a new id) and by the CLI per run;
# every event a command stores carries it in its metadata.
correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
