"""How every command runs: idempotency, optimistic-concurrency retry, one save.

A command method loads what it needs, calls one aggregate method and returns an
`Outcome` naming its result and the aggregates to save. The `@command` decorator saves
them once, together with the idempotency record when the caller gave a key and the
versions of what the command read (application/reads.py), and turns a version conflict
into a retry on fresh state or, after a few, a CONFLICT error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    TypeVar,
    cast,
    get_type_hints,
)

import orjson
from eventsourcing.persistence import IntegrityError
from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from application import reads
from application.ports import IdempotencyRecord
from domain import errors
from domain.actors import Actor
from domain.events import Aggregate

if TYPE_CHECKING:
    from application.base import AssessmentBase

R = TypeVar("R")
P = ParamSpec("P")
A = TypeVar("A", bound="AssessmentBase")

MAX_ATTEMPTS = 5
_NOT_RECORDED = object()


class Outcome(Generic[R]):
    """A command's result and the aggregates whose new events are to be saved."""

    def __init__(self, result: R, *aggregates: Aggregate) -> None:
        self.result = result
        self.aggregates = aggregates


def request_hash(name: str, kwargs: dict[str, Any]) -> str:
    payload = {k: v for k, v in kwargs.items() if k != "idempotency_key"}
    data = orjson.dumps([name, to_jsonable_python(payload)], option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(data).hexdigest()


def command(
    func: Callable[Concatenate[A, P], Outcome[R]],
) -> Callable[Concatenate[A, P], R]:
    name = func.__name__
    adapters: list[TypeAdapter[Any]] = []

    def adapter() -> TypeAdapter[Any]:
        if not adapters:  # resolved lazily: annotations name types defined later
            outcome_type = get_type_hints(func)["return"]
            adapters.append(TypeAdapter(outcome_type.__args__[0]))
        return adapters[0]

    @wraps(func)
    def run(app: A, /, *args: P.args, **kwargs: P.kwargs) -> R:
        by = kwargs.get("by")
        key = kwargs.get("idempotency_key")
        if not isinstance(by, Actor):
            raise errors.InvalidInput("every command names its actor", field="by")
        record_key = f"{by.user_id}\x1f{key}" if isinstance(key, str) and key else None
        digest = request_hash(name, dict(kwargs)) if record_key else ""

        def earlier_result() -> Any:
            if record_key:
                earlier = app.recorder.find_idempotency_record(record_key)  # type: ignore[attr-defined]
                if earlier is not None:
                    return _replayed(earlier, digest, adapter())
            return _NOT_RECORDED

        if (replayed := earlier_result()) is not _NOT_RECORDED:
            return cast(R, replayed)
        for _attempt in range(MAX_ATTEMPTS):
            with reads.tracking() as read_set:
                try:
                    outcome = func(app, *args, **kwargs)
                except errors.DomainError:
                    # A twin request under the same key may have been accepted since the
                    # look-up above; the rule it now breaks is its own effect, so answer as
                    # the twin did.
                    if (replayed := earlier_result()) is not _NOT_RECORDED:
                        return cast(R, replayed)
                    raise
            written = {a.id for a in outcome.aggregates if a.pending_events}
            extra: dict[str, Any] = {"read_set": read_set.unchanged(written)}
            if record_key:
                data = adapter().dump_json(outcome.result)
                extra["idempotency"] = IdempotencyRecord(record_key, digest, data)
            try:
                app.save_aggregates(*outcome.aggregates, **extra)
            except IntegrityError:
                # Another writer got there first: what this command read or wrote is
                # behind the store now, so decide again on fresh copies.
                app.forget(read_set.ids() | written)
                if (replayed := earlier_result()) is not _NOT_RECORDED:
                    return cast(R, replayed)
                continue
            return outcome.result
        raise errors.Conflict(
            f"{name}: the same records kept changing under {MAX_ATTEMPTS} attempts; retry",
            field=None,
        )

    return run


def _replayed(earlier: IdempotencyRecord, digest: str, adapter: TypeAdapter[Any]) -> Any:
    if earlier.request_hash != digest:
        raise errors.IdempotencyKeyReused(
            "this idempotency key was used before with a different input",
            field="idempotency_key",
        )
    return adapter.validate_json(earlier.result)
