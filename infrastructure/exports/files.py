"""A sheet written to CSV or to an Excel workbook."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from infrastructure.exports.sheets import Sheet

FORMATS = ("csv", "xlsx")


def to_bytes(sheet: Sheet, form: str) -> bytes:
    if form == "csv":
        return to_csv(sheet)
    if form == "xlsx":
        return to_xlsx(sheet)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def to_csv(sheet: Sheet) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([sheet.title])
    writer.writerow(sheet.header)
    writer.writerows([_text(value) for value in row] for row in sheet.rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")  # BOM: Excel reads it as UTF-8


def to_xlsx(sheet: Sheet) -> bytes:
    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet.title[:31]  # Excel's limit on a sheet's name
    page.append([sheet.title])
    page["A1"].font = Font(bold=True, size=14)
    page.append(list(sheet.header))
    for cell in page[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in sheet.rows:
        page.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for column, title in zip(page.iter_cols(min_row=2, max_row=2), sheet.header, strict=True):
        page.column_dimensions[column[0].column_letter].width = max(8, 2 * len(title) + 4)
    page.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value: object) -> str:
    return "" if value is None else str(value)
