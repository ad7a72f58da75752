"""Answers of view queries kept by the checkpoint they were read at (issue 6 point 9).

A view read at a checkpoint never changes: the projections add rows of a later
checkpoint and leave the earlier ones as they were (projections/versioned.py). So the
answer of a query that reads only views, for one reader at one checkpoint, is the same
every time it is asked until the projections commit again, and an office's staff and
its units asking for the same published ranking can be served it from memory.

What is kept: a query (never a mutation) whose root fields all read views
(`VIEW_FIELDS`), answered without errors, by the key (`answer_key`)

    (jurisdiction, role, unit, document, operation name, variables,
     the views' latest checkpoint)

The checkpoint is the one the request then reads at: the extension resolves it through
the request's own `ViewReads`, so every field of a request answered afresh reads at the
very checkpoint its key names. When the projections commit, the next request sees a new
checkpoint and a new key; old answers leave by least recent use (or are carried to the
new checkpoint when none of their rows changed, api/carried_answers.py). The key
carries what a view answer is read by: the reader's role and unit, which are all the
read scopes (api/permissions.py) and the view resolvers look at, so a unit's answer is
never another unit's nor another role's, while the office's staff share one answer: a
published ranking read by ten of them is read from the views once. `ViewAnswerKeys`
names the key; the bytes sent are kept and served by api/kept_answers.py, before
GraphQL runs.

Not kept: an inspector's queries (each is recorded as an event, api/inspections.py, and
served afresh), anything with errors, anything but the view fields below, and answers
whose JSON would exceed `LARGEST_ANSWER` (they would push out many small ones). The
answers kept are bounded by count and by `ANSWERS_BUDGET` bytes of their JSON.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Hashable
from typing import Any

import orjson
from graphql import ExecutionResult, FieldNode, OperationDefinitionNode, get_operation_ast
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from domain.actors import Actor
from domain.errors import DomainError
from domain.vocabulary import Role

# Root fields answered from the views alone, nested fields included.
VIEW_FIELDS = frozenset(
    {"ranking", "unitLedger", "warningBoard", "rewardLedger", "auditTrail", "__typename"}
)
AnswerKey = tuple[tuple[Any, ...], int]  # (the reader's question, the checkpoint read at)
PINNING = frozenset({"after", "asOf"})  # arguments that pin an answer to a checkpoint
LARGEST_ANSWER = 1024 * 1024  # bytes of JSON; larger answers are served, not kept
ANSWERS_BUDGET = 64 * 1024 * 1024  # bytes of JSON kept in all


class ResponseCache:
    """Answers by key, the least recently used out beyond `entries` answers or
    `budget` bytes of their JSON; thread safe."""

    def __init__(self, entries: int, budget: int = ANSWERS_BUDGET) -> None:
        self.entries, self.budget = entries, budget
        self.hits = 0
        self.misses = 0
        self.size = 0
        self._answers: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return found[0]

    def put(self, key: Hashable, answer: Any, size: int = 0) -> None:
        with self._lock:
            previous = self._answers.pop(key, None)
            self.size += size - (previous[1] if previous else 0)
            self._answers[key] = (answer, size)
            while len(self._answers) > self.entries or self.size > self.budget:
                _, (_, freed) = self._answers.popitem(last=False)
                self.size -= freed

    def __len__(self) -> int:
        return len(self._answers)


def answer_key(
    jurisdiction: str,
    actor: Actor,
    *,
    query: str | None,
    operation: str | None,
    variables: Any,
    position: int,
) -> AnswerKey:
    """The key of one reader's answer to one question at one checkpoint: built the same
    by the schema extension (after the answer) and the ASGI fast path (before it)."""
    given = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
    question = (jurisdiction, actor.role.value, str(actor.unit_id), query, operation, given)
    return question, position


class ViewAnswerKeys(SchemaExtension):
    """Names the key a view query's answer may be kept by (`request.state.answer_key`),
    when it may be kept at all; the answers themselves are kept, as the bytes sent, and
    served before GraphQL runs by api/kept_answers.py."""

    async def on_execute(self) -> AsyncIterator[None]:
        key = await self._key()
        yield
        result = self.execution_context.result
        request = getattr(self.execution_context.context, "request", None)
        if key is None or request is None or not isinstance(result, ExecutionResult):
            return
        if not result.errors:
            request.state.answer_key = key
            rows = self.execution_context.context.views.rows_read
            carriable = rows and _carriable(self.execution_context.graphql_document)
            request.state.answer_rows = tuple(rows) if carriable else None

    async def _key(self) -> AnswerKey | None:
        execution = self.execution_context
        if execution.operation_type is not OperationType.QUERY or not _reads_views_only(
            execution.graphql_document, execution.operation_name
        ):
            return None
        context = execution.context
        try:
            actor = context.actor()
        except DomainError:
            return None  # the resolvers refuse it with the error the client must see
        if actor.role is Role.INSPECTOR:
            return None
        try:
            latest = await context.views.checkpoint(None)
        except DomainError:
            return None
        return answer_key(
            context.jurisdiction, actor, query=execution.query,
            operation=execution.operation_name, variables=execution.variables,
            position=latest.position,
        )  # fmt: skip


def _carriable(document: Any) -> bool:
    """Whether an answer to the document may be carried forward to a later checkpoint
    (api/carried_answers.py): no field asked under an alias (the answer is relabelled by
    its fields' names) and no `after` or `asOf` argument anywhere (a page or a read
    pinned to a checkpoint is of that checkpoint, not of the latest)."""
    sets = [d.selection_set for d in document.definitions if getattr(d, "selection_set", None)]
    while sets:
        for selection in sets.pop().selections:
            if isinstance(selection, FieldNode) and (
                selection.alias is not None
                or any(a.name.value in PINNING for a in selection.arguments or ())
            ):
                return False
            if getattr(selection, "selection_set", None) is not None:
                sets.append(selection.selection_set)
    return True


def _reads_views_only(document: Any, operation_name: str | None) -> bool:
    if document is None:
        return False
    operation = get_operation_ast(document, operation_name)
    if not isinstance(operation, OperationDefinitionNode):
        return False
    selections = operation.selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in VIEW_FIELDS for s in selections)
