"""CSV and xlsx files into an `ImportTable`: the header row, then each non-empty row with
its row number in the file, every cell as text. The domain decides what the text means.

CSV from Chinese offices comes as UTF-8 (with or without BOM) or as GBK/GB18030 from
older Excel; both are read. An xlsx is read from its first worksheet.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import PurePath

from openpyxl import load_workbook

from domain import errors
from domain.special.table import LARGEST_TABLE, ImportTable, SourceFile, TableRow

MEDIA_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def source_of(data: bytes, file_name: str) -> SourceFile:
    return SourceFile(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def read_table(data: bytes, file_name: str) -> ImportTable:
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise errors.InvalidInput("import a .csv or an .xlsx file", field="file_name")
    if not data:
        raise errors.InvalidInput("the file is empty", field="file")
    rows = _csv_rows(data) if suffix == ".csv" else _xlsx_rows(data)
    return _table(rows)


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.reader(io.StringIO(text, newline="")))
    raise errors.InvalidInput("the CSV is neither UTF-8 nor GB18030 text", field="file")


def _xlsx_rows(data: bytes) -> list[list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise errors.InvalidInput(f"not a readable xlsx workbook: {exc}", field="file") from None
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        # The shortest text that reads back as the same float: 85.5, not 85.500000001.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _table(rows: Sequence[Sequence[str]]) -> ImportTable:
    header_at = next((i for i, row in enumerate(rows) if _filled(row)), None)
    if header_at is None:
        raise errors.InvalidInput("the file has no header row", field="file")
    columns = [cell.strip() for cell in rows[header_at]]
    body = [
        TableRow(number=number, cells=_cells(columns, row))
        for number, row in _numbered(rows, header_at)
        if _filled(row)
    ]
    if len(body) > LARGEST_TABLE:
        raise errors.InvalidInput(f"at most {LARGEST_TABLE} rows per import", field="file")
    return ImportTable(columns=[c for c in columns if c], rows=body)


def _numbered(rows: Sequence[Sequence[str]], header_at: int) -> Iterable[tuple[int, Sequence[str]]]:
    # Row numbers as a spreadsheet shows them: the first line of the file is row 1.
    return ((index + 1, row) for index, row in enumerate(rows) if index > header_at)


def _cells(columns: list[str], row: Sequence[str]) -> dict[str, str]:
    return {column: row[i].strip() for i, column in enumerate(columns) if column and i < len(row)}


def _filled(row: Sequence[str]) -> bool:
    return any(cell.strip() for cell in row)
