"""Queries over the read models (DOMAIN.md §5): rankings, ledgers, the audit trail, the
warning board and the reward ledger, now or as they stood at a past checkpoint.

They read the views the projections keep (projections/), never aggregates: a query costs
an indexed read whatever the size of the log. "As of" is a log position or a moment:
a moment means the last checkpoint whose events were all recorded by then, what an
office reading the views at that moment saw; a position means the last checkpoint at
or before it (the views change only at checkpoints). Both answer with the checkpoint
they resolved to.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol
from uuid import UUID

from application.base import AssessmentBase
from domain import errors
from domain.ids import year_id
from projections.audit_trail import SUBJECTS, AuditEntry, trail
from projections.ledger import UnitLedgerRow, unit_ledger
from projections.rankings import RankingRow, ranking
from projections.reward_ledger import RewardRow, rewards
from projections.sql import ViewTransaction
from projections.warning_board import WarningRow, board


class ViewReader(Protocol):
    """What the composition root gives the application to read its views with."""

    def transaction(self) -> AbstractContextManager[ViewTransaction]: ...
    def position(self, view: str) -> int: ...
    def checkpoint_at(self, moment: datetime) -> int | None: ...
    def checkpoint_upto(self, position: int) -> int | None: ...


class ViewQueries(AssessmentBase):
    view_reader: ViewReader | None = None  # set by the composition root

    def as_of(self, *, at: datetime | None = None, position: int | None = None) -> int | None:
        """The checkpoint to read at (None: now); naming neither reads now."""
        if at is not None and position is not None:
            raise errors.InvalidInput("give a moment or a position, not both", field="as_of")
        if position is not None and position < 0:
            raise errors.InvalidInput("a log position is 0 or more", field="as_of.position")
        if at is not None and at.tzinfo is None:
            raise errors.InvalidInput("the moment needs a time zone", field="as_of.at")
        if at is None and position is None:
            return None
        reader = self._reader()
        found = (
            reader.checkpoint_at(at) if at is not None else reader.checkpoint_upto(position or 0)
        )
        return 0 if found is None else found

    def ranking(
        self, *, year: int, period: str, category: str, as_of: int | None = None
    ) -> list[RankingRow]:
        with self._reader().transaction() as tx:
            return ranking(
                tx, year_id=self._year_id(year), period=period, category=category, as_of=as_of
            )

    def unit_ledger(
        self, *, year: int, unit_id: UUID, as_of: int | None = None
    ) -> UnitLedgerRow | None:
        with self._reader().transaction() as tx:
            return unit_ledger(tx, year_id=self._year_id(year), unit_id=unit_id, as_of=as_of)

    def warning_board(
        self, *, year: int, month: str, unit_id: UUID | None = None, as_of: int | None = None
    ) -> list[WarningRow]:
        with self._reader().transaction() as tx:
            return board(tx, year_id=self._year_id(year), month=month, unit_id=unit_id, as_of=as_of)

    def reward_ledger(
        self, *, year: int, unit_id: UUID | None = None, as_of: int | None = None
    ) -> list[RewardRow]:
        with self._reader().transaction() as tx:
            return rewards(tx, year_id=self._year_id(year), unit_id=unit_id, as_of=as_of)

    def audit_trail(
        self,
        *,
        subject: str,
        value: str,
        after: int = 0,
        first: int = 50,
        upto: int | None = None,
    ) -> list[AuditEntry]:
        if subject not in SUBJECTS:
            raise errors.InvalidInput(f"subject is one of {', '.join(SUBJECTS)}", field="subject")
        if not 1 <= first <= 1000:
            raise errors.InvalidInput("first is 1 to 1000", field="first")
        with self._reader().transaction() as tx:
            return trail(tx, subject=subject, value=value, after=after, upto=upto, first=first)

    def projection_position(self, view: str) -> int:
        return self._reader().position(view)

    def _year_id(self, year: int) -> UUID:
        return year_id(self.jurisdiction, year)

    def _reader(self) -> ViewReader:
        if self.view_reader is None:
            raise errors.NotFound("this application has no views", field=None)
        return self.view_reader
