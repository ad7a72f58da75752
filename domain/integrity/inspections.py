"""Inspectors are audited too (DOMAIN.md §7): every read an inspector makes is recorded as
an event in the log — who, what, when — so it is hash-chained with everything else and
the audited office cannot remove it without `dukao verify` naming the gap.

Recording is not a duty an inspector holds (inspectors decide nothing): the API records
it on the inspector's behalf for every request, and only an inspector's read is taken.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from pydantic import Field

from domain import errors
from domain.events import Aggregate, Stamp
from domain.vocabulary import Role

MAX_ARGUMENTS_BYTES = 16 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class InspectorRead(Aggregate):
    class Recorded(Aggregate.Created):
        operation: str = Field(min_length=1, max_length=200)
        query_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
        arguments: dict[str, Any]

    @classmethod
    def record(
        cls,
        *,
        id: UUID,
        operation: str,
        query_sha256: str,
        arguments: dict[str, Any],
        stamp: Stamp,
    ) -> InspectorRead:
        if stamp.actor_role is not Role.INSPECTOR:
            raise errors.Forbidden("only an inspector's reads are recorded", field="by.role")
        if not operation.strip() or len(operation) > 200:
            raise errors.InvalidInput(
                "name the operation read (1-200 characters)", field="operation"
            )
        if not _SHA256.fullmatch(query_sha256):
            raise errors.InvalidInput("the query's sha256 in hex", field="query_sha256")
        if len(repr(arguments).encode()) > MAX_ARGUMENTS_BYTES:
            raise errors.InvalidInput("the read's arguments are too large", field="arguments")
        return cls._begin(
            cls.Recorded,
            id=id,
            stamp=stamp,
            operation=operation,
            query_sha256=query_sha256,
            arguments=arguments,
        )
