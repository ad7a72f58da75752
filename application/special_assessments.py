"""Importing the results of a special assessment (专项考核), one assessment per command.

The table arrives parsed (infrastructure/imports/ reads CSV and xlsx); the domain checks
every row and stores all of it or, when any row is bad, nothing.
"""

from __future__ import annotations

from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain.actors import Actor
from domain.ids import special_assessment_id
from domain.special.assessment import SpecialAssessment
from domain.special.results import ResultScale
from domain.special.table import ImportTable, SourceFile


class SpecialAssessmentCommands(AssessmentBase):
    @command
    def import_special_assessment(
        self,
        *,
        year: int,
        key: str,
        name: str,
        department: str,
        scale: ResultScale,
        table: ImportTable,
        source: SourceFile,
        reason: str | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        stamp = self.stamp(by, reason)
        special = self.find(SpecialAssessment, special_assessment_id(assessment.id, key))
        if special is None:
            special = SpecialAssessment.register(
                year_id=assessment.id, key=key, name=name, department=department, stamp=stamp
            )
        else:
            special.require_named(name=name, department=department)
        special.import_results(
            scale=scale,
            table=table,
            source=source,
            jurisdiction=assessment.jurisdiction,
            enrolled=assessment.roster,
            stamp=stamp,
        )
        guard = self.guard_change(
            assessment,
            subject_id=special.id,
            command="import_special_assessment",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        return Outcome(special.id, special, *guard)
