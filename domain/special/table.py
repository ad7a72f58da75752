"""An imported table as the parser read it (CSV or xlsx, infrastructure/imports/), and the
file it came from. Rows keep their number in the file (the header is row 1), so a report
names the row an office worker sees in the spreadsheet."""

from __future__ import annotations

from pydantic import Field

from domain.events import Value

LARGEST_TABLE = 5000

# Column headers accepted for each field, in English and as offices write them.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "unit_code": ("unit_code", "单位代码", "代码"),
    "score": ("score", "得分", "分数"),
}


class TableRow(Value):
    number: int = Field(ge=2)
    cells: dict[str, str]  # by the header as written in the file


class ImportTable(Value):
    columns: list[str]
    rows: list[TableRow] = Field(max_length=LARGEST_TABLE)


class SourceFile(Value):
    """The file the results came from, named by its hash so it can be checked later."""

    file_name: str = Field(min_length=1, max_length=200)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=1)


def locate_columns(columns: list[str]) -> dict[str, str | None]:
    """For each field, the header that holds it (or None when the table lacks it)."""
    wanted = {field: {name.casefold() for name in names} for field, names in COLUMN_NAMES.items()}
    found: dict[str, str | None] = dict.fromkeys(COLUMN_NAMES)
    for column in columns:
        for field, names in wanted.items():
            if found[field] is None and column.strip().casefold() in names:
                found[field] = column
    return found
