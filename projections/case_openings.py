"""The outbox of the red-warning policy (红牌督办): when a target reaches the red warning
level (红牌) in the latest month of its year, a row asks for a supervision case to be
opened for it — once per target and year, whatever happens later.

The row is written in the batch's own transaction, with an id derived from (year, target,
the month it first went red) and a unique (year, target), only if absent; it names the
case's id beforehand (derived from the row). The outbox is not emptied by a rebuild. So
a rebuild or a restart never asks twice, and the drainer (application/red_warning_policy
.py) opens the case under that id: a retry after a crash finds the case already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID, uuid5

from domain.ids import NAMESPACE, derived_id
from domain.scoring.result import TargetWarning
from domain.vocabulary import WarningLevel
from projections.batches import Batch
from projections.reminders import Contacts
from projections.result_view import uuid_text
from projections.score_state import ScoreState
from projections.sql import ViewTransaction

TABLE = "case_openings"
_COLUMNS = (
    "id", "year_id", "year", "target_id", "unit_id", "month", "lag", "target_title",
    "unit_name", "case_id", "position",
)  # fmt: skip
WAITING, OPENED, REFUSED = "waiting", "opened", "refused"


@dataclass(frozen=True)
class CaseToOpen:
    id: str
    year: int
    target_id: UUID
    unit_id: UUID
    month: str  # the month the target first went red
    lag: Decimal
    target_title: str
    unit_name: str
    case_id: UUID


def case_id_of(row_id: str) -> UUID:
    """The id the policy's case is opened under: a second attempt names the same case."""
    return derived_id("case-from-red-warning", row_id)


class CaseOpeningsView:
    name = "case_openings"
    tables = (TABLE,)

    def __init__(self, scores: ScoreState, contacts: Contacts) -> None:
        self.scores, self.contacts = scores, contacts
        self._asked: set[tuple[str, str]] = set()  # (year id, target id) with a row
        self._pending: set[tuple[str, str]] = set()

    def create_statements(self) -> list[str]:
        columns = ", ".join(
            f"{c} {'BIGINT' if c in ('year', 'position') else 'TEXT'}" for c in _COLUMNS[1:]
        )
        return [
            f"CREATE TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, {columns}, "
            f"status TEXT NOT NULL DEFAULT '{WAITING}', attempts BIGINT NOT NULL DEFAULT 0, "
            "last_error TEXT, done_at TEXT, UNIQUE (year_id, target_id))",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_waiting ON {TABLE} (position) "
            f"WHERE status = '{WAITING}'",
        ]

    def reset(self, tx: ViewTransaction) -> None:
        """Kept: a row is a request to open a case once, not a derived row."""

    def load(self, tx: ViewTransaction) -> None:
        rows = tx.rows(f"SELECT year_id, target_id FROM {TABLE}")
        self._asked = {(str(year), str(target)) for year, target in rows}

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        self._pending, rows = set(), []
        for year_id, units in self.scores.changed.items():
            facts = self.scores.folders[year_id].facts
            month = f"{facts.year}-{facts.last_month:02d}"
            warnings = (w for found in self.scores.records(year_id, units) for w in found.warnings)
            for warning in warnings:
                if warning.month != month or warning.level is not WarningLevel.RED:
                    continue
                key = (uuid_text(year_id), uuid_text(warning.target_id))
                if key not in self._asked and key not in self._pending:
                    self._pending.add(key)
                    rows.append(self._row(key, facts.year, warning, batch.last))
        marks = ", ".join("%s" for _ in _COLUMNS)
        tx.executemany(
            f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({marks}) ON CONFLICT DO NOTHING",
            rows,
        )

    def committed(self) -> None:
        self._asked |= self._pending
        self._pending = set()

    def _row(
        self, key: tuple[str, str], year: int, warning: TargetWarning, position: int
    ) -> tuple[object, ...]:
        year_id, target = key
        unit, month = uuid_text(warning.unit_id), warning.month
        row_id = str(uuid5(NAMESPACE, f"case-opening/{year_id}/{target}/{month}"))
        return (
            row_id, year_id, year, target, unit, month, str(warning.lag),
            self.contacts.title_of_target.get(target, target),
            self.contacts.unit_name.get(unit, unit), str(case_id_of(row_id)), position,
        )  # fmt: skip


def waiting(tx: ViewTransaction, *, limit: int) -> list[CaseToOpen]:
    rows = tx.rows(
        "SELECT id, year, target_id, unit_id, month, lag, target_title, unit_name, case_id "
        f"FROM {TABLE} WHERE status = %s ORDER BY position, id LIMIT %s",
        (WAITING, limit),
    )
    return [_to_open(tuple(str(value) for value in row)) for row in rows]


def _to_open(row: tuple[str, ...]) -> CaseToOpen:
    row_id, year, target, unit, month, lag, title, name, case = row
    return CaseToOpen(
        row_id, int(year), UUID(target), UUID(unit), month, Decimal(lag), title, name, UUID(case)
    )


def mark_done(tx: ViewTransaction, row_id: str, *, status: str, at: str, error: str | None) -> None:
    """`status` opened (the case exists) or refused (the command said no, for good)."""
    tx.execute(
        f"UPDATE {TABLE} SET status = %s, attempts = attempts + 1, done_at = %s, "
        "last_error = %s WHERE id = %s",
        (status, at, None if error is None else error[:500], row_id),
    )


def mark_failed(tx: ViewTransaction, row_id: str, error: str) -> None:
    """A failure that may pass (a conflict, the store away): the row stays waiting."""
    tx.execute(
        f"UPDATE {TABLE} SET attempts = attempts + 1, last_error = %s WHERE id = %s",
        (error[:500], row_id),
    )


def openings(tx: ViewTransaction) -> list[tuple[str, str, str, str]]:
    """Every row as (target id, month, status, case id), for tests and the CLI."""
    rows = tx.rows(f"SELECT target_id, month, status, case_id FROM {TABLE} ORDER BY position, id")
    return [(str(t), str(m), str(s), str(c)) for t, m, s, c in rows]
