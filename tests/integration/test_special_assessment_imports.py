"""Special assessment results imported from CSV and xlsx files through the application on
both stores: all or nothing, every bad row named."""

from __future__ import annotations

import io
from decimal import Decimal
from uuid import UUID

import pytest
from openpyxl import Workbook

from application.app import AssessmentApplication
from domain import errors
from domain.ids import special_assessment_id, year_id
from domain.special.assessment import SpecialAssessment
from domain.special.results import ResultScale
from infrastructure.clock import ManualClock
from infrastructure.imports import read_table, source_of
from tests.builders import OFFICE, YEAR, enrolled_unit, filler, open_year
from tests.scenarios import assert_rejected, event_count, finalized_year, topics

SCALE = ResultScale(lowest=Decimal(0), highest=Decimal(100))
CODES = ("T01", "T02", "T03", "D01", "D02", "D03")


@pytest.fixture
def units(app: AssessmentApplication) -> list[UUID]:
    open_year(app)
    return [enrolled_unit(app, code) for code in CODES]


def sheet(rows: list[tuple[str, object]]) -> bytes:
    book = Workbook()
    page = book.active
    assert page is not None
    page.append(["单位代码", "得分"])
    for row in rows:
        page.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_file(app: AssessmentApplication, data: bytes, file: str, **extra: object) -> UUID:
    arguments: dict[str, object] = {
        "year": YEAR,
        "key": "work-safety",
        "name": "安全生产目标责任考核",
        "department": "县应急管理局",
        "scale": SCALE,
        "table": read_table(data, file),
        "source": source_of(data, file),
        "by": OFFICE,
    }
    arguments.update(extra)
    return app.import_special_assessment(**arguments)  # type: ignore[arg-type]


def test_an_xlsx_with_one_bad_row_stores_nothing_and_names_row_7_field_score(
    app: AssessmentApplication, units: list[UUID]
) -> None:
    rows: list[tuple[str, object]] = [(code, 90 - i) for i, code in enumerate(CODES[:5])]
    rows.append(("D03", 120))
    data = sheet(rows)
    rejected = assert_rejected(
        app, errors.ImportRejected, "table", lambda: import_file(app, data, "安全生产.xlsx")
    )
    assert [(p.row, p.field) for p in rejected.problems] == [(7, "score")]  # type: ignore[attr-defined]
    the_year = year_id(app.jurisdiction, YEAR)
    assert app.find(SpecialAssessment, special_assessment_id(the_year, "work-safety")) is None


def test_a_csv_imports_every_row_and_a_reimport_needs_a_reason(
    app: AssessmentApplication, units: list[UUID]
) -> None:
    data = b"unit_code,score\nT01,95\nD01,88.5\n"
    before = event_count(app)
    special = import_file(app, data, "results.csv")
    assert topics(app, before) == ["Registered", "ResultsImported"]
    assert_rejected(app, errors.InvalidInput, "reason", lambda: import_file(app, data, "r.csv"))
    assert_rejected(
        app,
        errors.InvalidInput,
        "name",
        lambda: import_file(app, data, "r.csv", name="消防考核", reason="更正"),
    )
    import_file(app, b"unit_code,score\nT01,96\n", "r2.csv", reason="应急局更正")
    assert app.read(SpecialAssessment, special, field="key").imports == 2


def test_rejected_imports_store_nothing(app: AssessmentApplication, units: list[UUID]) -> None:
    missing = b"unit_code,points\nT01,90\n"
    assert_rejected(app, errors.ImportRejected, "table", lambda: import_file(app, missing, "m.csv"))
    stranger = b"unit_code,score\nX99,90\nT01,90\nT01,91\n"
    rejected = assert_rejected(
        app, errors.ImportRejected, "table", lambda: import_file(app, stranger, "s.csv")
    )
    assert [(p.row, p.field) for p in rejected.problems] == [  # type: ignore[attr-defined]
        (2, "unit_code"),
        (4, "unit_code"),
    ]
    ok = b"unit_code,score\nT01,90\n"
    assert_rejected(
        app, errors.Forbidden, "by.role", lambda: import_file(app, ok, "o.csv", by=filler(units[0]))
    )
    assert_rejected(app, errors.InvalidInput, "file_name", lambda: import_file(app, ok, "o.xls"))


def test_a_finalized_year_takes_an_import_only_as_an_amendment(
    app: AssessmentApplication, units: list[UUID], clock: ManualClock
) -> None:
    finalized_year(app, clock, *units)
    data = b"unit_code,score\nT01,90\n"
    assert_rejected(
        app, errors.YearFinalized, "amendment_reason", lambda: import_file(app, data, "a.csv")
    )
    before = event_count(app)
    import_file(app, data, "a.csv", amendment_reason="专项考核结果晚于定稿报送")
    assert sorted(topics(app, before)) == [
        "AmendedAfterFinalization",
        "Registered",
        "ResultsImported",
    ]
