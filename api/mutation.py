"""The one way a mutation runs a command: the pattern every feature module follows.

    @mutation(Guard(Duty.GRANT_BONUS), "Grant a bonus (加分) …")
    def grant_bonus(run: Run, input: GrantBonusInput) -> BonusGranted:
        bonus_id = run.app.grant_bonus(year=input.year, …, **run.command(input))
        return BonusGranted(bonus_id=strawberry.ID(str(bonus_id)))

`mutation` makes the GraphQL field `grantBonus(input: GrantBonusInput!): BonusGranted!`
and registers its guard (api/permissions.py). On every call, in this order:
1. the token's actor is checked against the guard: FORBIDDEN before anything is read;
2. the body runs in a worker thread (a command waits on the store; the event loop
   keeps serving), with the request's correlation id in its context, so every event it
   stores carries it;
3. a domain error's field becomes the client's input path (`unit_id` → `input.unitId`).

`run.command(input)` gives the arguments every command takes from the request: the
actor (`by`, from the token, never from the client) and the idempotency key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, get_type_hints
from uuid import UUID

import strawberry
from anyio import to_thread
from strawberry.types import Info

from api.context import ApiContext
from api.errors import camel, input_path
from api.inputs import key_of
from api.permissions import MUTATION_GUARDS, Guard
from api.ports import TableReader
from application.app import AssessmentApplication
from domain.actors import Actor
from domain.errors import DomainError

P = TypeVar("P")


@dataclass(frozen=True)
class Run:
    """What a mutation's body works with: the application and the acting user."""

    app: AssessmentApplication
    by: Actor
    table_reader: TableReader

    def command(self, input: Any) -> dict[str, Any]:
        return {"by": self.by, "idempotency_key": key_of(getattr(input, "idempotency_key", None))}


def unit_of(input: Any) -> UUID | None:
    """The unit a unit-scoped input names, or None when it names none it can parse."""
    try:
        return UUID(str(input.unit_id))
    except (AttributeError, ValueError):
        return None


def mutation(guard: Guard, description: str) -> Callable[[Callable[[Run, Any], P]], Any]:
    def define(body: Callable[[Run, Any], P]) -> Any:
        hints = get_type_hints(body)
        input_type, payload_type = hints["input"], hints["return"]

        async def resolve(info: Info[ApiContext, None], input: Any) -> Any:
            actor = info.context.actor()
            guard.check(actor, unit_id=unit_of(input))
            run = Run(info.context.application, actor, info.context.table_reader)
            try:
                return await to_thread.run_sync(body, run, input)
            except DomainError as error:
                error.field = input_path(error.field)
                raise

        resolve.__annotations__ = {
            "info": Info[ApiContext, None],
            "input": Annotated[input_type, strawberry.argument(description="What to do.")],
            "return": payload_type,
        }
        resolve.__name__ = body.__name__
        MUTATION_GUARDS[camel(body.__name__)] = guard
        return strawberry.mutation(resolver=resolve, description=description)

    return define


def ident(value: UUID) -> strawberry.ID:
    return strawberry.ID(str(value))
