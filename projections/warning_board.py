"""The warning board (动态预警, DOMAIN.md §5): every assessed target's warning level for
each month — how far it lags behind its monthly schedule — and who must be reminded at
that level, as the rulebook says. The board proper is the targets above `none`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.scoring.live import UnitRecords
from domain.scoring.result import YearResult
from projections.result_view import ResultView, texts, uuid_text
from projections.sql import ViewTransaction
from projections.versioned import AS_OF, CURRENT, Key, Values, VersionedTable

TABLE = VersionedTable(
    "view_warnings",
    keys=[("year_id", "TEXT"), ("target_id", "TEXT"), ("month", "TEXT")],
    values=[
        ("unit_id", "TEXT"), ("level", "TEXT"), ("lag", "TEXT"), ("remind", "TEXT"),
        ("clause_id", "TEXT"),
    ],
)  # fmt: skip


@dataclass(frozen=True)
class WarningRow:
    target_id: str
    unit_id: str
    month: str
    level: str
    lag: Decimal
    remind: tuple[str, ...]
    clause_id: str


# The board is read by month across a year's targets, which the key (by target) does not
# serve: without these a county's board is a sequential scan of every version. Both hold
# only rows above `none` (what the board reads), so no plan of the statement closing a
# version by its key can pick them: a generic plan did, and scanned a whole month of a
# year's targets for each row it closed (0.5 ms a row in a county, growing with its size).
BY_MONTH = [
    f"DROP INDEX IF EXISTS {TABLE.name}_by_month",
    f"DROP INDEX IF EXISTS {TABLE.name}_month_history",
    f"CREATE INDEX IF NOT EXISTS {TABLE.name}_board "
    f"ON {TABLE.name} (year_id, month, unit_id) WHERE {CURRENT} AND level <> 'none'",
    f"CREATE INDEX IF NOT EXISTS {TABLE.name}_board_history "
    f"ON {TABLE.name} (year_id, month, valid_from) WHERE level <> 'none'",
]


class WarningBoardView(ResultView):
    name = "warning_board"
    table = TABLE
    signed = True

    def signature(self, records: UnitRecords) -> object:
        return records.warnings

    def create_statements(self) -> list[str]:
        return [*super().create_statements(), *BY_MONTH]

    def unit_of(self, _key: Key, values: Values) -> str:
        return str(values[0])

    def rows(self, year_id: UUID, _result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        year = uuid_text(year_id)
        return {
            (year, uuid_text(w.target_id), w.month): (
                uuid_text(w.unit_id),
                str(w.level),
                str(w.lag),
                texts(w.remind),
                w.clause_id,
            )
            for found in self.state.records(year_id, units)
            for w in found.warnings
        }


def board(
    tx: ViewTransaction,
    *,
    year_id: UUID,
    month: str,
    unit_id: UUID | None = None,
    as_of: int | None = None,
) -> list[WarningRow]:
    """The targets behind schedule in `month` (level above none), worst first."""
    when, params = (CURRENT, ()) if as_of is None else (AS_OF, (as_of, as_of))
    unit_filter, unit_params = ("AND unit_id = %s", (str(unit_id),)) if unit_id else ("", ())
    rows = tx.rows(
        f"SELECT target_id, unit_id, month, level, lag, remind, clause_id FROM {TABLE.name} "
        f"WHERE year_id = %s AND month = %s AND level <> 'none' {unit_filter} AND {when}",
        (str(year_id), month, *unit_params, *params),
    )
    found = [_row(row) for row in rows]
    return sorted(found, key=lambda w: (-_SEVERITY[w.level], -w.lag, w.target_id))


_SEVERITY = {"bell": 1, "yellow": 2, "red": 3}


def _row(row: tuple[object, ...]) -> WarningRow:
    target, unit, month, level, lag, remind, clause = (str(value) for value in row)
    return WarningRow(
        target, unit, month, level, Decimal(lag), tuple(r for r in remind.split(",") if r), clause
    )
