"""The results of a special assessment, read from a table all or nothing: every bad row
and field is named (unknown unit code, score out of the stated range, duplicate unit,
missing column), and when there is any, nothing is imported."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from uuid import UUID

from domain import errors
from domain.errors import RowProblem
from domain.events import Value
from domain.ids import unit_id as make_unit_id
from domain.special.table import ImportTable, TableRow, locate_columns

HUNDREDTH = Decimal("0.01")


class ResultScale(Value):
    """The range the assessment scores in, as its department states it (e.g. 0-100)."""

    lowest: Decimal
    highest: Decimal

    def check(self) -> None:
        finite = self.lowest.is_finite() and self.highest.is_finite()
        if not (finite and Decimal(0) <= self.lowest < self.highest <= Decimal(1000)):
            raise errors.InvalidInput("scale: 0 <= lowest < highest <= 1000", field="scale")


class UnitResult(Value):
    unit_id: UUID
    unit_code: str
    score: Decimal
    row: int


class _Reading:
    def __init__(self, *, scale: ResultScale, jurisdiction: str, enrolled: Collection[UUID]):
        self.scale, self.jurisdiction, self.enrolled = scale, jurisdiction, enrolled
        self.problems: list[RowProblem] = []
        self.rows_of: dict[UUID, int] = {}
        self.results: list[UnitResult] = []

    def read(self, row: TableRow, code_column: str, score_column: str) -> None:
        code = row.cells.get(code_column, "").strip()
        unit = self._unit(row.number, code)
        score = self._score(row.number, row.cells.get(score_column, "").strip())
        if unit is not None and score is not None:
            self.results.append(
                UnitResult(unit_id=unit, unit_code=code, score=score, row=row.number)
            )

    def _unit(self, row: int, code: str) -> UUID | None:
        if not code:
            self._problem(row, "unit_code", "no unit code")
            return None
        unit = make_unit_id(self.jurisdiction, code)
        if unit not in self.enrolled:
            self._problem(row, "unit_code", f"unknown unit code '{code}'")
            return None
        if unit in self.rows_of:
            first = self.rows_of[unit]
            self._problem(row, "unit_code", f"duplicate unit '{code}' (first on row {first})")
            return None
        self.rows_of[unit] = row
        return unit

    def _score(self, row: int, text: str) -> Decimal | None:
        if not text:
            self._problem(row, "score", "no score")
            return None
        try:
            score = Decimal(text)
        except InvalidOperation:
            self._problem(row, "score", f"'{text}' is not a number")
            return None
        low, high = self.scale.lowest, self.scale.highest
        if not score.is_finite() or not low <= score <= high:
            self._problem(row, "score", f"{text} is outside the range {low}-{high}")
            return None
        if score != score.quantize(HUNDREDTH):
            self._problem(row, "score", f"{text} has more than two decimals")
            return None
        return score

    def _problem(self, row: int, field: str, message: str) -> None:
        self.problems.append(RowProblem(row, field, message))


def read_results(
    table: ImportTable, *, scale: ResultScale, jurisdiction: str, enrolled: Collection[UUID]
) -> list[UnitResult]:
    """Every row's unit and score, or IMPORT_REJECTED naming every bad row and field."""
    columns = locate_columns(table.columns)
    code_column, score_column = columns["unit_code"], columns["score"]
    if code_column is None or score_column is None:
        missing = [RowProblem(1, f, "missing column") for f, c in columns.items() if c is None]
        raise errors.ImportRejected(missing)
    if not table.rows:
        raise errors.ImportRejected([RowProblem(1, "table", "no result rows")])
    reading = _Reading(scale=scale, jurisdiction=jurisdiction, enrolled=enrolled)
    for row in table.rows:
        reading.read(row, code_column, score_column)
    if reading.problems:
        raise errors.ImportRejected(reading.problems)
    return reading.results
