"""The results of a year's special assessments (专项考核) per unit, as last imported: the
assessment, its department and scale, the unit's score and the row of the file it came
from. A corrected import replaces them (a unit it no longer names has no row since)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from projections.checkpoints import version_filter
from projections.record_views import RecordView
from projections.sql import ViewTransaction
from projections.versioned import Key, Values, VersionedTable
from projections.year_records import YearRecords

TABLE = VersionedTable(
    "view_special_results",
    # The unit before the assessment: the key's index serves a unit's results too.
    keys=[("year_id", "TEXT"), ("unit_id", "TEXT"), ("assessment_id", "TEXT")],
    values=[
        ("assessment_key", "TEXT"), ("name", "TEXT"), ("department", "TEXT"),
        ("unit_code", "TEXT"), ("score", "TEXT"), ("lowest", "TEXT"), ("highest", "TEXT"),
        ("imports", "BIGINT"), ("file_name", "TEXT"), ("row_number", "BIGINT"),
        ("imported_at", "TEXT"),
    ],
)  # fmt: skip
# Before the key led with the unit, an index did; a plan closing a version could pick it.
BY_UNIT = f"DROP INDEX IF EXISTS {TABLE.name}_by_unit"


@dataclass(frozen=True)
class SpecialResultRow:
    assessment_key: str
    name: str
    department: str
    unit_id: str
    unit_code: str
    score: Decimal
    lowest: Decimal
    highest: Decimal
    imports: int  # how many times the results were imported (2 and more: corrected)
    file_name: str
    row: int
    imported_at: str


def rows_of(records: YearRecords, owner: UUID) -> dict[Key, Values]:
    found = records.specials.get(owner)
    if found is None or found.imported_at is None:
        return {}
    at = found.imported_at.isoformat()
    return {
        (str(found.year_id), str(result.unit_id), str(owner)): (
            found.key, found.name, found.department, result.unit_code, str(result.score),
            found.lowest, found.highest, found.imports, found.file_name, result.row, at,
        )
        for result in found.results
    }  # fmt: skip


def special_results_view(records: YearRecords) -> RecordView:
    return RecordView(
        "special_results", TABLE, records=records, rows_of=rows_of,
        owner_of=lambda key: str(key[2]),
        indexes=(BY_UNIT,),
    )  # fmt: skip


def special_results(
    tx: ViewTransaction, *, year_id: UUID, unit_id: UUID | None = None, as_of: int | None = None
) -> list[SpecialResultRow]:
    """The year's results by assessment, then unit code; only a unit's when given."""
    when, version = version_filter(as_of)
    unit_filter, unit_params = ("AND unit_id = %s", (str(unit_id),)) if unit_id else ("", ())
    rows = tx.rows(
        "SELECT assessment_key, name, department, unit_id, unit_code, score, lowest, highest, "
        f"imports, file_name, row_number, imported_at FROM {TABLE.name} "
        f"WHERE year_id = %s {unit_filter} AND {when} ORDER BY assessment_key, unit_code",
        (str(year_id), *unit_params, *version),
    )
    return [
        SpecialResultRow(
            str(key), str(name), str(department), str(unit), str(code), Decimal(str(score)),
            Decimal(str(lowest)), Decimal(str(highest)), int(str(imports)), str(file_name),
            int(str(row)), str(at),
        )
        for key, name, department, unit, code, score, lowest, highest, imports, file_name, row, at
        in rows
    ]  # fmt: skip
