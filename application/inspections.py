"""Recording an inspector's reads (DOMAIN.md §7), and reading them back."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain.actors import Actor
from domain.integrity.inspections import InspectorRead


class InspectionCommands(AssessmentBase):
    @command
    def record_inspector_read(
        self,
        *,
        operation: str,
        query_sha256: str,
        arguments: dict[str, Any],
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        record = InspectorRead.record(
            id=self.ids.new_id(),
            operation=operation,
            query_sha256=query_sha256,
            arguments=arguments,
            stamp=self.stamp(by),
        )
        return Outcome(record.id, record)
