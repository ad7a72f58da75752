"""Tables arrive as CSV (UTF-8 with or without BOM, or GB18030 from older Excel) or as xlsx;
both read to the same rows, numbered as the spreadsheet shows them."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from domain import errors
from infrastructure.imports import read_table, source_of

ROWS = [["单位代码", "单位名称", "得分"], ["T01", "城关镇", "92.5"], ["D01", "县教育局", "88"]]


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    return "\r\n".join(",".join(row) for row in rows).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_reads_in_the_encodings_offices_use(encoding: str) -> None:
    table = read_table(csv_bytes(ROWS, encoding), "教育考核.csv")
    assert table.columns == ["单位代码", "单位名称", "得分"]
    assert [(r.number, r.cells["单位代码"], r.cells["得分"]) for r in table.rows] == [
        (2, "T01", "92.5"),
        (3, "D01", "88"),
    ]


def test_an_xlsx_reads_like_its_csv_with_numbers_as_written() -> None:
    rows: list[list[object]] = [ROWS[0], ["T01", "城关镇", 92.5], ["D01", "县教育局", 88.0]]
    table = read_table(xlsx(rows), "教育考核.xlsx")
    assert [(r.number, r.cells["得分"]) for r in table.rows] == [(2, "92.5"), (3, "88")]


def test_blank_rows_are_skipped_but_keep_the_numbering() -> None:
    rows: list[list[object]] = [[], ["unit_code", "score"], ["T01", 90], [None, None], ["T02", 7]]
    table = read_table(xlsx(rows), "results.xlsx")
    assert [r.number for r in table.rows] == [3, 5]


def test_other_files_empty_files_and_broken_workbooks_are_refused() -> None:
    with pytest.raises(errors.InvalidInput) as caught:
        read_table(b"unit_code,score", "results.xls")
    assert caught.value.field == "file_name"
    for data, name in ((b"", "a.csv"), (b"not a zip", "a.xlsx"), (b"\n\n", "a.csv")):
        with pytest.raises(errors.InvalidInput) as caught:
            read_table(data, name)
        assert caught.value.field == "file"


def test_the_source_file_is_named_by_its_hash() -> None:
    source = source_of(b"unit_code,score\nT01,90\n", "r.csv")
    assert (source.size, len(source.sha256)) == (23, 64)
