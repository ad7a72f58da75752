"""The supervision ledger (督办台账, DOMAIN.md §5): every case per lead unit and attention
level, with its state and whether it is open, overdue, escalated or closed, its deadline,
how many days it is (or was) overdue and how many progress reports it missed — as of the
checkpoint, computed with `domain/supervision/schedule.py`, never typed in.

A row is written again at every batch in which one of those numbers moves (a case's own
events, or time passing its deadline or a due report), and versioned like the score
views, so the ledger reads as it stood at any checkpoint. Batches never span an office
day, so a case's days overdue are exact at each day's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from projections.batches import Batch
from projections.case_book import CaseBook, CaseRecord
from projections.checkpoints import version_filter
from projections.result_view import text, uuid_text
from projections.sql import ViewTransaction
from projections.versioned import Changes, Key, Values, VersionedTable

TABLE = VersionedTable(
    "view_supervision_cases",
    keys=[("year_id", "TEXT"), ("case_id", "TEXT")],
    values=[
        ("unit_id", "TEXT"), ("level", "TEXT"), ("state", "TEXT"), ("status", "TEXT"),
        ("source", "TEXT"), ("title", "TEXT"), ("deadline", "TEXT"), ("overdue_days", "BIGINT"),
        ("missed_reports", "BIGINT"), ("notices", "BIGINT"), ("target_id", "TEXT"),
        ("opened_at", "TEXT"), ("ended_at", "TEXT"),
    ],
)  # fmt: skip
_CASE_COLUMNS = (
    "case_id, unit_id, level, state, status, source, title, deadline, overdue_days, "
    "missed_reports, notices, target_id, opened_at, ended_at"
)
STATUSES = ("open", "overdue", "escalated", "closed")


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    unit_id: str
    level: str
    state: str
    status: str  # open | overdue (past its deadline, not settled) | escalated | closed
    source: str
    title: str
    deadline: date
    overdue_days: int  # begun days past the deadline, up to now or the settlement
    missed_reports: int  # progress reports due and not made
    notices: int
    target_id: str | None
    opened_at: str
    ended_at: str | None


@dataclass(frozen=True)
class CaseCount:
    """One unit's cases at one attention level, by status."""

    unit_id: str
    level: str
    open: int
    overdue: int
    escalated: int
    closed: int


def status_of(record: CaseRecord, at: datetime) -> tuple[str, int, int]:
    """The case's status, days overdue and progress reports missed as of `at`."""
    case = record.case
    late = case.overdue(at)
    missed = len(case.missed_progress(at))
    days = 0 if late is None else late.days
    if case.state in ("closed", "escalated"):
        return str(case.state), days, missed
    return ("overdue" if late is not None and not late.settled else "open"), days, missed


def row_values(record: CaseRecord, at: datetime) -> Values:
    case = record.case
    status, days, missed = status_of(record, at)
    ended = None if record.ended_at is None else record.ended_at.isoformat()
    return (
        uuid_text(case.lead_unit), str(case.level), str(case.state), status, record.source,
        record.title, case.deadline.isoformat(), days, missed, case.notices,
        text(record.target_id), record.opened_at.isoformat(), ended,
    )  # fmt: skip


class SupervisionLedgerView:
    name = "supervision_ledger"
    tables = (TABLE.name,)

    def __init__(self, book: CaseBook) -> None:
        self.book = book
        self._current: dict[Key, Values] = {}
        self._pending: dict[Key, Values] = {}

    def create_statements(self) -> list[str]:
        return [
            *TABLE.create_statements(),
            # Led by the unit, not the year: a plan closing a case's version by its key
            # (year, case) could otherwise pick it and scan the whole year's cases.
            f"DROP INDEX IF EXISTS {TABLE.name}_by_unit",
            f"CREATE INDEX IF NOT EXISTS {TABLE.name}_unit_cases "
            f"ON {TABLE.name} (unit_id, year_id, level) WHERE valid_to IS NULL",
            f"CREATE INDEX IF NOT EXISTS {TABLE.name}_by_case "
            f"ON {TABLE.name} (case_id, valid_from)",
        ]

    def reset(self, tx: ViewTransaction) -> None:
        TABLE.reset(tx)

    def load(self, tx: ViewTransaction) -> None:
        self._current = TABLE.current(tx)

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        at = batch.recorded_at
        self._pending = {}
        for record in self.book.current():
            key = (uuid_text(record.case.year_id), uuid_text(record.case.id))
            values = row_values(record, at)
            if self._current.get(key) != values:
                self._pending[key] = values
        if self._pending:
            TABLE.write(tx, batch.last, Changes(dict(self._pending)))

    def committed(self) -> None:
        self._current.update(self._pending)
        self._pending = {}


def cases(
    tx: ViewTransaction,
    *,
    year_id: UUID,
    unit_id: UUID | None = None,
    level: str | None = None,
    status: str | None = None,
    as_of: int | None = None,
) -> list[CaseRow]:
    """The year's cases (only a unit's, a level's or a status's when given): by unit,
    the overdue first, then by deadline."""
    when, version = version_filter(as_of)
    filters, params = ["year_id = %s"], [str(year_id)]
    for column, value in (("unit_id", unit_id), ("level", level), ("status", status)):
        if value is not None:
            filters.append(f"{column} = %s")
            params.append(str(value))
    rows = tx.rows(
        f"SELECT {_CASE_COLUMNS} FROM {TABLE.name} WHERE {' AND '.join(filters)} AND {when}",
        (*params, *version),
    )
    found = [_row(row) for row in rows]
    rank = {status: index for index, status in enumerate(("overdue", "open", "escalated"))}
    return sorted(found, key=lambda c: (c.unit_id, rank.get(c.status, 3), c.deadline, c.case_id))


def case_row(tx: ViewTransaction, *, case_id: UUID, as_of: int | None = None) -> CaseRow | None:
    """One case's row by its id (of whatever year), or None."""
    when, version = version_filter(as_of)
    rows = tx.rows(
        f"SELECT {_CASE_COLUMNS} FROM {TABLE.name} WHERE case_id = %s AND {when}",
        (str(case_id), *version),
    )
    return _row(rows[0]) if rows else None


def case_counts(tx: ViewTransaction, *, year_id: UUID, as_of: int | None = None) -> list[CaseCount]:
    """Per lead unit and attention level: how many cases are open, overdue, escalated and
    closed."""
    when, version = version_filter(as_of)
    rows = tx.rows(
        f"SELECT unit_id, level, status, count(*) FROM {TABLE.name} "
        f"WHERE year_id = %s AND {when} GROUP BY unit_id, level, status",
        (str(year_id), *version),
    )
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for unit, level, status, count in rows:
        counts.setdefault((str(unit), str(level)), dict.fromkeys(STATUSES, 0))[str(status)] = int(
            str(count)
        )
    return [
        CaseCount(unit, level, **by_status) for (unit, level), by_status in sorted(counts.items())
    ]


def _row(row: tuple[object, ...]) -> CaseRow:
    (case_id, unit, level, state, status, source, title, deadline, days, missed, notices,
     target, opened, ended) = row  # fmt: skip
    return CaseRow(
        str(case_id), str(unit), str(level), str(state), str(status), str(source), str(title),
        date.fromisoformat(str(deadline)), int(str(days)), int(str(missed)), int(str(notices)),
        None if target is None else str(target), str(opened),
        None if ended is None else str(ended),
    )  # fmt: skip
