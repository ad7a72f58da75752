"""Queries over the read models (DOMAIN.md §5): rankings, ledgers, the audit trail, the
warning board and the reward ledger, now or as they stood at a past checkpoint.

They read the views the projections keep (projections/), never aggregates: a query costs
an indexed read whatever the size of the log. "As of" is a log position or a moment:
a moment means the last checkpoint whose events were all recorded by then, what an
office reading the views at that moment saw; a position means the last checkpoint at
or before it (the views change only at checkpoints). Both answer with the checkpoint
they resolved to.

A reader that makes several reads of one answer (a ranking, then its units' ledgers)
resolves a `Checkpoint` once and passes it to each: the reads then agree with each other
even while the projections commit between them. A checkpoint that was the latest when
resolved is read from the current rows, the cheap indexed path, and the newest
checkpoint is looked at again after them: batches commit their rows with their
checkpoint, so an unchanged newest checkpoint means the rows were its rows; if the views
moved on meanwhile the rows are read again as they stood at it. No transaction is needed
around the reads: each statement reads one snapshot, and the check comes after them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar
from uuid import UUID

from application.base import AssessmentBase
from domain import errors
from domain.ids import year_id
from domain.vocabulary import AttentionLevel
from projections.audit_trail import SUBJECTS, AuditEntry, trail, trails
from projections.checkpoints import latest_checkpoint
from projections.ledger import (
    LedgerLine,
    UnitLedgerRow,
    UnitResultRow,
    ledger_lines,
    line_rows,
    result_rows,
    unit_ledger,
    unit_results,
)
from projections.rankings import RankingRow, ranking, ranking_rows
from projections.reward_ledger import RewardRow, rewards
from projections.sql import ViewTransaction
from projections.supervision_ledger import STATUSES as CASE_STATUSES
from projections.supervision_ledger import CaseCount, CaseRow, case_counts, cases
from projections.versioned import RowScope, changed_between
from projections.warning_board import WarningRow, board

T = TypeVar("T")
MAX_TRAIL_PAGE = 1000


class ViewReader(Protocol):
    """What the composition root gives the application to read its views with."""

    def reading(self) -> AbstractContextManager[ViewTransaction]:
        """Statements that each read one snapshot (no transaction needed around them)."""
        ...

    def position(self, view: str) -> int: ...
    def checkpoint_at(self, moment: datetime) -> int | None: ...
    def checkpoint_upto(self, position: int) -> int | None: ...


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint to read the views at, and whether it was their latest when resolved."""

    position: int
    latest: bool = False


AsOf = int | Checkpoint | None  # None: the current rows; an int: as of that checkpoint


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

    def checkpoint(self, *, at: datetime | None = None, position: int | None = None) -> Checkpoint:
        """`as_of` as a checkpoint every read of one answer can share; naming neither
        gives the views' latest."""
        resolved = self.as_of(at=at, position=position)
        if resolved is not None:
            return Checkpoint(resolved)
        with self._reader().reading() as tx:
            return Checkpoint(latest_checkpoint(tx), latest=True)

    def ranking(
        self,
        *,
        year: int,
        period: str,
        category: str,
        as_of: AsOf = None,
        after_rank: int = 0,
        limit: int | None = None,
        unit_id: UUID | None = None,
    ) -> list[RankingRow]:
        """A category's ranking for a period, best first: the rows below `after_rank`, at
        most `limit`, only `unit_id`'s when given."""
        return self._read(
            as_of, ranking, year_id=self._year_id(year), period=period, category=category,
            after_rank=after_rank, limit=limit, unit_id=unit_id,
        )  # fmt: skip

    def unit_ledger(self, *, year: int, unit_id: UUID, as_of: AsOf = None) -> UnitLedgerRow | None:
        return self._read(as_of, unit_ledger, year_id=self._year_id(year), unit_id=unit_id)

    def unit_results(
        self, *, year: int, unit_ids: Sequence[UUID], as_of: AsOf = None
    ) -> dict[str, UnitResultRow]:
        """Several units' results without their lines, in one read."""
        return self._read(as_of, unit_results, year_id=self._year_id(year), unit_ids=unit_ids)

    def ledger_lines(
        self, *, year: int, unit_ids: Sequence[UUID], as_of: AsOf = None
    ) -> dict[str, tuple[LedgerLine, ...]]:
        """Several units' ledger lines in one read."""
        return self._read(as_of, ledger_lines, year_id=self._year_id(year), unit_ids=unit_ids)

    def ranking_rows(self, *, year: int, period: str, category: str) -> RowScope:
        """The rows `ranking` reads for a category and period (every page, every unit)."""
        return ranking_rows(year_id=self._year_id(year), period=period, category=category)

    def result_rows(self, *, year: int, unit_ids: Sequence[UUID]) -> RowScope:
        """The rows `unit_results` reads for these units."""
        return result_rows(year_id=self._year_id(year), unit_ids=unit_ids)

    def line_rows(self, *, year: int, unit_ids: Sequence[UUID]) -> RowScope:
        """The rows `ledger_lines` reads for these units."""
        return line_rows(year_id=self._year_id(year), unit_ids=unit_ids)

    def rows_unchanged(self, scopes: Sequence[RowScope], *, since: int, upto: int) -> bool:
        """Whether reading `scopes` as of checkpoint `upto` reads what it read as of
        `since`: no row of theirs was written or closed by a checkpoint in between."""
        with self._reader().reading() as tx:
            return not changed_between(tx, scopes, since, upto)

    def warning_board(
        self, *, year: int, month: str, unit_id: UUID | None = None, as_of: AsOf = None
    ) -> list[WarningRow]:
        return self._read(as_of, board, year_id=self._year_id(year), month=month, unit_id=unit_id)

    def reward_ledger(
        self, *, year: int, unit_id: UUID | None = None, as_of: AsOf = None
    ) -> list[RewardRow]:
        return self._read(as_of, rewards, year_id=self._year_id(year), unit_id=unit_id)

    def audit_trail(
        self,
        *,
        subject: str,
        value: str,
        after: int = 0,
        first: int = 50,
        upto: int | None = None,
        unit_id: UUID | None = None,
    ) -> list[AuditEntry]:
        """A subject's events after position `after`, up to `upto`; only those about
        `unit_id` when given. Append-only: as of a position is simply up to it."""
        _check_trail(subject, first)
        unit = str(unit_id) if unit_id else None
        with self._reader().reading() as tx:
            return trail(
                tx, subject=subject, value=value, after=after, upto=upto, first=first,
                unit_id=unit,
            )  # fmt: skip

    def audit_trails(
        self,
        *,
        subject: str,
        values: Sequence[str],
        first: int = 50,
        upto: int | None = None,
        unit_id: UUID | None = None,
    ) -> dict[str, list[AuditEntry]]:
        """The first page of several subjects' trails in one read (by subject value)."""
        _check_trail(subject, first)
        unit = str(unit_id) if unit_id else None
        with self._reader().reading() as tx:
            return trails(tx, subject=subject, values=values, first=first, upto=upto, unit_id=unit)

    def projection_position(self, view: str) -> int:
        return self._reader().position(view)

    def _read(self, as_of: AsOf, read: Callable[..., T], **arguments: Any) -> T:
        """`read(tx, as_of=…, **arguments)` at `as_of`."""
        at = as_of.position if isinstance(as_of, Checkpoint) else as_of
        with self._reader().reading() as tx:
            if isinstance(as_of, Checkpoint) and as_of.latest:
                found = read(tx, as_of=None, **arguments)
                if latest_checkpoint(tx) == as_of.position:
                    return found  # nothing committed since: the current rows are its rows
            return read(tx, as_of=at, **arguments)

    def _year_id(self, year: int) -> UUID:
        return year_id(self.jurisdiction, year)

    def _reader(self) -> ViewReader:
        if self.view_reader is None:
            raise errors.NotFound("this application has no views", field=None)
        return self.view_reader

    def supervision_ledger(
        self,
        *,
        year: int,
        unit_id: UUID | None = None,
        level: str | None = None,
        status: str | None = None,
        as_of: AsOf = None,
    ) -> list[CaseRow]:
        """The supervision ledger (督办台账): the year's cases with state, deadline, days
        overdue and progress reports missed as of the checkpoint; only a lead unit's, an
        attention level's or a status's (open, overdue, escalated, closed) when given."""
        if level is not None and level not in {str(known) for known in AttentionLevel}:
            raise errors.InvalidInput(f"level is one of {', '.join(AttentionLevel)}", field="level")
        if status is not None and status not in CASE_STATUSES:
            raise errors.InvalidInput(
                f"status is one of {', '.join(CASE_STATUSES)}", field="status"
            )
        return self._read(
            as_of, cases, year_id=self._year_id(year), unit_id=unit_id, level=level,
            status=status,
        )  # fmt: skip

    def supervision_counts(self, *, year: int, as_of: AsOf = None) -> list[CaseCount]:
        """Per lead unit and attention level: its open, overdue, escalated and closed
        cases, as of the checkpoint."""
        return self._read(as_of, case_counts, year_id=self._year_id(year))


def _check_trail(subject: str, first: int) -> None:
    if subject not in SUBJECTS:
        raise errors.InvalidInput(f"subject is one of {', '.join(SUBJECTS)}", field="subject")
    if not 1 <= first <= MAX_TRAIL_PAGE:
        raise errors.InvalidInput(f"first is 1 to {MAX_TRAIL_PAGE}", field="first")
