"""The score ledger (台账, DOMAIN.md §5): per unit every line of its score — points, the
rulebook clause applied, the events behind it — and the total, rank and grade the lines
add up to. The lines sum to the total exactly (the engine's invariant, kept row by row).

A line is known by a key that survives other lines coming and going: a target line by
its target, any other line by its kind and first event (and its occurrence among equal
keys), so a new bonus does not rewrite the unit's other lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

import orjson

from domain.scoring.live import UnitRecords
from domain.scoring.result import ScoreLine, UnitResult, YearResult
from projections.checkpoints import version_filter
from projections.result_view import ResultView, text, uuid_text
from projections.sql import ViewTransaction
from projections.versioned import Key, RowScope, Values, VersionedTable

LINES = VersionedTable(
    "view_ledger_lines",
    keys=[("year_id", "TEXT"), ("unit_id", "TEXT"), ("line_key", "TEXT")],
    values=[
        ("ordinal", "BIGINT"), ("kind", "TEXT"), ("points", "TEXT"), ("clause_id", "TEXT"),
        ("event_ids", "TEXT"), ("target_id", "TEXT"), ("detail", "TEXT"),
    ],
)  # fmt: skip
UNITS = VersionedTable(
    "view_unit_results",
    keys=[("year_id", "TEXT"), ("unit_id", "TEXT")],
    values=[
        ("year", "BIGINT"), ("code", "TEXT"), ("name", "TEXT"), ("category", "TEXT"),
        ("total", "TEXT"), ("rank", "BIGINT"), ("grade", "TEXT"), ("grade_clause", "TEXT"),
        ("awards_allowed", "BIGINT"), ("consequences", "TEXT"),
    ],
)  # fmt: skip


@dataclass(frozen=True)
class LedgerLine:
    line_key: str
    ordinal: int
    kind: str
    points: Decimal
    clause_id: str
    event_ids: tuple[str, ...]
    target_id: str | None
    detail: str


@dataclass(frozen=True)
class UnitResultRow:
    """A unit's result for the year, without the lines behind it."""

    unit_id: str
    code: str
    name: str
    category: str
    total: Decimal
    rank: int
    grade: str
    grade_clause: str
    awards_allowed: bool
    consequences: tuple[str, ...]


@dataclass(frozen=True)
class UnitLedgerRow(UnitResultRow):
    lines: tuple[LedgerLine, ...]


def line_keys(lines: tuple[ScoreLine, ...]) -> list[str]:
    seen: dict[str, int] = {}
    keys = []
    for line in lines:
        base = (
            f"target:{line.target_id}"
            if line.kind == "target"
            else f"{line.kind}:{line.event_ids[0] if line.event_ids else ''}"
        )
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


class LedgerLinesView(ResultView):
    name = "ledger"
    table = LINES
    signed = True

    def signature(self, records: UnitRecords) -> object:
        return records.result.lines

    def unit_of(self, key: Key, _values: Values) -> str:
        return str(key[1])

    def rows(self, year_id: UUID, _result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        out: dict[Key, Values] = {}
        for unit in (found.result for found in self.state.records(year_id, units)):
            keyed = zip(line_keys(unit.lines), unit.lines, strict=True)
            for ordinal, (key, line) in enumerate(keyed, 1):
                out[(uuid_text(year_id), uuid_text(unit.unit_id), key)] = (
                    ordinal, line.kind, str(line.points), line.clause_id,
                    orjson.dumps(list(line.event_ids)).decode(), text(line.target_id),
                    line.detail,
                )  # fmt: skip
        return out


class UnitResultsView(ResultView):
    name = "unit_results"
    table = UNITS

    def unit_of(self, key: Key, _values: Values) -> str:
        return str(key[1])

    def rows(self, year_id: UUID, result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        found = (found.result for found in self.state.records(year_id, units))
        return {
            (uuid_text(year_id), uuid_text(u.unit_id)): _unit_values(result.year, u) for u in found
        }


def _unit_values(year: int, unit: UnitResult) -> Values:
    return (
        year, unit.code, unit.name, unit.category, str(unit.total), unit.rank, str(unit.grade),
        unit.grade_clause_id, int(unit.awards_allowed),
        orjson.dumps(list(unit.consequences)).decode(),
    )  # fmt: skip


def unit_ledger(
    tx: ViewTransaction, *, year_id: UUID, unit_id: UUID, as_of: int | None = None
) -> UnitLedgerRow | None:
    """A unit's result and every line behind it, as of a checkpoint if given."""
    return unit_ledgers(tx, year_id=year_id, unit_ids=[unit_id], as_of=as_of).get(str(unit_id))


def unit_ledgers(
    tx: ViewTransaction, *, year_id: UUID, unit_ids: Sequence[UUID], as_of: int | None = None
) -> dict[str, UnitLedgerRow]:
    """Several units' results and lines in two statements, however many units, by unit
    id; a unit without a result is left out."""
    lines = ledger_lines(tx, year_id=year_id, unit_ids=unit_ids, as_of=as_of)
    return {
        unit: UnitLedgerRow(**vars(result), lines=lines.get(unit, ()))
        for unit, result in unit_results(
            tx, year_id=year_id, unit_ids=unit_ids, as_of=as_of
        ).items()
    }


def unit_results(
    tx: ViewTransaction, *, year_id: UUID, unit_ids: Sequence[UUID], as_of: int | None = None
) -> dict[str, UnitResultRow]:
    """Several units' results in one statement (a page of a ranking), by unit id."""
    among, params = _among(year_id, unit_ids, as_of)
    if not params:
        return {}
    rows = tx.rows(
        "SELECT unit_id, code, name, category, total, rank, grade, grade_clause, "
        f"awards_allowed, consequences FROM {UNITS.name} WHERE {among}",
        params,
    )
    return {str(row[0]): _result(row) for row in rows}


def ledger_lines(
    tx: ViewTransaction, *, year_id: UUID, unit_ids: Sequence[UUID], as_of: int | None = None
) -> dict[str, tuple[LedgerLine, ...]]:
    """Several units' lines in ledger order, in one statement, by unit id."""
    among, params = _among(year_id, unit_ids, as_of)
    if not params:
        return {}
    found: dict[str, list[LedgerLine]] = {}
    for unit, *line in tx.rows(
        "SELECT unit_id, line_key, ordinal, kind, points, clause_id, event_ids, target_id, "
        f"detail FROM {LINES.name} WHERE {among} ORDER BY ordinal",
        params,
    ):
        found.setdefault(str(unit), []).append(_line(tuple(line)))
    return {unit: tuple(lines) for unit, lines in found.items()}


def result_rows(*, year_id: UUID, unit_ids: Sequence[UUID]) -> RowScope:
    """The rows `unit_results` reads for these units."""
    return UNITS.scope(("unit_id", [str(unit) for unit in unit_ids]), year_id=str(year_id))


def line_rows(*, year_id: UUID, unit_ids: Sequence[UUID]) -> RowScope:
    """The rows `ledger_lines` reads for these units."""
    return LINES.scope(("unit_id", [str(unit) for unit in unit_ids]), year_id=str(year_id))


def _among(
    year_id: UUID, unit_ids: Sequence[UUID], as_of: int | None
) -> tuple[str, tuple[object, ...]]:
    """The condition on a year's rows of `unit_ids` (none: no parameters to read by)."""
    ids = [str(unit) for unit in dict.fromkeys(unit_ids)]
    if not ids:
        return "", ()
    when, version = version_filter(as_of)
    among = f"year_id = %s AND unit_id IN ({', '.join('%s' for _ in ids)}) AND {when}"
    return among, (str(year_id), *ids, *version)


def _result(row: tuple[object, ...]) -> UnitResultRow:
    unit_id, code, name, category, total, rank, grade, clause, awards, consequences = row
    return UnitResultRow(
        str(unit_id), str(code), str(name), str(category), Decimal(str(total)), int(str(rank)),
        str(grade), str(clause), bool(int(str(awards))), tuple(orjson.loads(str(consequences))),
    )  # fmt: skip


def _line(row: tuple[object, ...]) -> LedgerLine:
    key, ordinal, kind, points, clause, events, target, detail = row
    return LedgerLine(
        str(key), int(str(ordinal)), str(kind), Decimal(str(points)), str(clause),
        tuple(orjson.loads(str(events))), str(target) if target is not None else None,
        str(detail),
    )  # fmt: skip
