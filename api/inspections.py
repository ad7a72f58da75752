"""Inspectors are audited too (DOMAIN.md §7, issue 8 point 7): every query an inspector
runs through the API is recorded with `record_inspector_read` — who (the token's user),
what (the root fields read and their arguments, and the document's sha256), when (the
event's time) — as an event in the hash-chained log, where the audited office cannot
remove it without `dukao verify` naming the gap.

One schema extension does it for every query, so no resolver can forget. The record is
written before anything is read, and a read that cannot be recorded is not served.

What is and is not recorded:
- a query an inspector's token runs: recorded, whether its resolvers then answer or
  refuse (the question asked is the fact), one event per request;
- a mutation: not recorded. An inspector holds no duty, so every mutation is FORBIDDEN
  before it reads anything, and a refused command stores nothing; the request's log
  line names the user and the code;
- a document GraphQL refuses (INVALID_QUERY) is not executed and not recorded; nor is a
  query of `health` or introspection alone, which reads no record;
- nobody else's reads are recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

import orjson
from anyio import to_thread
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Undefined,
    get_operation_ast,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from domain.errors import DomainError
from domain.vocabulary import Role

NOT_READS = frozenset({"health", "__typename", "__schema", "__type"})
LONGEST_ARGUMENT = 512  # longer strings (a rulebook to replay) are recorded by their hash
LARGEST_ARGUMENTS = 4096  # beyond, each field's arguments are recorded by their hash
MAX_OPERATION = 200


class InspectorReads(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        if execution.operation_type is OperationType.QUERY:
            try:
                read = self._read()
                if read is not None:
                    await to_thread.run_sync(self._record, *read)
            except Exception as exc:  # any failure refuses the read: none goes unrecorded
                # A domain error keeps its code; anything else is INTERNAL (api/errors.py).
                path = None if isinstance(exc, DomainError) else ["inspectorRead"]
                error = GraphQLError(str(exc), path=path, original_error=exc)
                execution.result = ExecutionResult(data=None, errors=[error])
        yield

    def _read(self) -> tuple[str, dict[str, Any]] | None:
        """The operation and its arguments, when an inspector's query reads records."""
        execution = self.execution_context
        actor_of = getattr(execution.context, "actor", None)
        document = execution.graphql_document
        if actor_of is None or document is None:
            return None
        try:
            actor = actor_of()
        except DomainError:  # a bad token: the resolvers say UNAUTHENTICATED
            return None
        operation = get_operation_ast(document, execution.operation_name)
        if actor.role is not Role.INSPECTOR or operation is None:
            return None
        fields = root_fields(operation.selection_set, _fragments(document.definitions))
        variables = execution.variables or {}
        read = {
            (field.alias or field.name).value: _arguments(field, variables)
            for field in fields
            if field.name.value not in NOT_READS
        }
        if not read:
            return None
        if len(orjson.dumps(read)) > LARGEST_ARGUMENTS:
            read = {key: _digest_of(orjson.dumps(value)) for key, value in read.items()}
        names = sorted({field.name.value for field in fields} - NOT_READS)
        return "+".join(names)[:MAX_OPERATION], read

    def _record(self, operation: str, arguments: dict[str, Any]) -> None:
        execution = self.execution_context
        query = execution.query or ""
        execution.context.application.record_inspector_read(
            operation=operation,
            query_sha256=hashlib.sha256(query.encode()).hexdigest(),
            arguments=arguments,
            by=execution.context.actor(),
        )


def root_fields(
    selections: SelectionSetNode, fragments: dict[str, SelectionSetNode]
) -> list[FieldNode]:
    """The root fields an operation selects, through its fragments too."""
    found: list[FieldNode] = []
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            found.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            found += root_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            found += root_fields(fragments.pop(selection.name.value), fragments)
    return found


def _fragments(definitions: Any) -> dict[str, SelectionSetNode]:
    return {
        d.name.value: d.selection_set
        for d in definitions
        if not isinstance(d, OperationDefinitionNode) and hasattr(d, "selection_set")
    }


def _arguments(field: FieldNode, variables: dict[str, Any]) -> dict[str, Any]:
    """A field's arguments with the request's variables in them (those not given left out)."""
    given = {
        a.name.value: value_from_ast_untyped(a.value, variables) for a in field.arguments or ()
    }
    return {name: _kept(value) for name, value in given.items() if value is not Undefined}


def _kept(value: Any) -> Any:
    """An argument as recorded: a long string by its sha256 and length."""
    if isinstance(value, str) and len(value) > LONGEST_ARGUMENT:
        return _digest_of(value.encode())
    if isinstance(value, list):
        return [_kept(item) for item in value]
    if isinstance(value, dict):
        return {key: _kept(item) for key, item in value.items()}
    return value


def _digest_of(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "length": len(data)}
