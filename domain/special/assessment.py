"""A special assessment (专项考核) of a year: named, run by a responsible department, and
its results per unit as imported. A later import replaces the results with a reason
(the department corrected them); both stay on record."""

from __future__ import annotations

import re
from collections.abc import Collection
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.checks import require_text
from domain.events import Aggregate, Stamp
from domain.ids import special_assessment_id
from domain.special.results import ResultScale, UnitResult, read_results
from domain.special.table import ImportTable, SourceFile

_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")


class SpecialAssessment(Aggregate):
    class Registered(Aggregate.Created):
        year_id: UUID
        key: str
        name: str
        department: str

        def apply(self, agg: SpecialAssessment) -> None:
            agg.year_id, agg.key, agg.name = self.year_id, self.key, self.name
            agg.department, agg.imports = self.department, 0

    class ResultsImported(Aggregate.Event):
        scale: ResultScale
        source: SourceFile
        results: list[UnitResult]

        def apply(self, agg: SpecialAssessment) -> None:
            agg.imports += 1

    year_id: UUID
    key: str
    name: str
    department: str
    imports: int

    @classmethod
    def register(
        cls, *, year_id: UUID, key: str, name: str, department: str, stamp: Stamp
    ) -> SpecialAssessment:
        require_duty(stamp.actor_role, Duty.IMPORT_SPECIAL_ASSESSMENT)
        if not _KEY.match(key):
            raise errors.InvalidInput("key: 1-40 of a-z, 0-9, '_' or '-'", field="key")
        return cls._begin(
            cls.Registered,
            id=special_assessment_id(year_id, key),
            stamp=stamp,
            year_id=year_id,
            key=key,
            name=require_text(name, "name"),
            department=require_text(department, "department"),
        )

    def import_results(
        self,
        *,
        scale: ResultScale,
        table: ImportTable,
        source: SourceFile,
        jurisdiction: str,
        enrolled: Collection[UUID],
        stamp: Stamp,
    ) -> list[UnitResult]:
        require_duty(stamp.actor_role, Duty.IMPORT_SPECIAL_ASSESSMENT)
        if self.imports:
            require_text(stamp.reason, "reason")
        scale.check()
        results = read_results(table, scale=scale, jurisdiction=jurisdiction, enrolled=enrolled)
        self._record(self.ResultsImported, stamp, scale=scale, source=source, results=results)
        return results

    def require_named(self, *, name: str, department: str) -> None:
        """A reimport is of the same assessment, by the same department."""
        if (name.strip(), department.strip()) != (self.name, self.department):
            raise errors.InvalidInput(
                f"'{self.key}' is {self.name} by {self.department}", field="name"
            )
