"""A daily supervision notice (日常督考通知单, seed 003): an immediate deduction whose
points the rulebook's table states."""

from __future__ import annotations

from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp


class DeductionNotice(Aggregate):
    class Issued(Aggregate.Created):
        year_id: UUID
        unit_id: UUID
        article: str

        def apply(self, agg: DeductionNotice) -> None:
            agg.year_id, agg.unit_id = self.year_id, self.unit_id

    year_id: UUID
    unit_id: UUID

    @classmethod
    def issue(
        cls, *, id: UUID, year_id: UUID, unit_id: UUID, article: str, stamp: Stamp
    ) -> DeductionNotice:
        require_duty(stamp.actor_role, Duty.ISSUE_DEDUCTION_NOTICE)
        if not (stamp.reason and stamp.reason.strip()):
            raise errors.InvalidInput("reason must not be empty", field="reason")
        if not article.strip():
            raise errors.InvalidInput("article must not be empty", field="article")
        return cls._begin(
            cls.Issued,
            id=id,
            stamp=stamp,
            year_id=year_id,
            unit_id=unit_id,
            article=article.strip(),
        )
