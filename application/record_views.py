"""Queries over the views of a year's other records (issue 7): one supervision case by
id, the year's evaluation campaigns, its special assessments' results per unit and its
year-end workflow — now or as of a checkpoint, like the score views
(application/views.py), and never by replaying aggregates."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.views import AsOf, Checkpoint, ViewQueries
from projections.campaigns import CampaignRow, campaigns
from projections.special_results import SpecialResultRow, special_results
from projections.supervision_ledger import CaseRow, case_row
from projections.year_end_view import (
    ObjectionRow,
    StepRow,
    YearEndRow,
    objections,
    year_end_state,
    year_end_steps,
)


@dataclass(frozen=True)
class YearEndReading:
    """The year end as of one checkpoint: where it stands, its steps, its objections."""

    state: YearEndRow | None
    steps: list[StepRow]
    objections: list[ObjectionRow]


class RecordQueries(ViewQueries):
    def supervision_case(self, *, case_id: UUID, as_of: AsOf = None) -> CaseRow | None:
        """A case's row of the supervision ledger, of whatever year."""
        return self._read(as_of, case_row, case_id=case_id)

    def campaigns(self, *, year: int, as_of: AsOf = None) -> list[CampaignRow]:
        return self._read(as_of, campaigns, year_id=self._year_id(year))

    def special_results(
        self, *, year: int, unit_id: UUID | None = None, as_of: AsOf = None
    ) -> list[SpecialResultRow]:
        return self._read(as_of, special_results, year_id=self._year_id(year), unit_id=unit_id)

    def year_end(self, *, year: int, as_of: Checkpoint) -> YearEndReading:
        year_id = self._year_id(year)
        with self._reader().reading() as tx:
            steps = year_end_steps(tx, year_id=year_id, upto=as_of.position)
        return YearEndReading(
            state=self._read(as_of, year_end_state, year_id=year_id),
            steps=steps,
            objections=self._read(as_of, objections, year_id=year_id),
        )
