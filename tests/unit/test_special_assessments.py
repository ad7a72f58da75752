"""Special assessments (专项考核): one assessment's results per unit, imported all or
nothing, with a report that names every bad row and field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import errors
from domain.ids import unit_id
from domain.special.assessment import SpecialAssessment
from domain.special.results import ResultScale
from domain.special.table import ImportTable, SourceFile, TableRow
from domain.vocabulary import Role
from tests.unit.helpers import JURISDICTION, YEAR_ID, event_names, office, refused, stamp

CODES = ["T01", "T02", "T03", "D01", "D02", "D03", "D04", "D05"]
ENROLLED = {unit_id(JURISDICTION, code) for code in CODES}
SCALE = ResultScale(lowest=Decimal(0), highest=Decimal(100))
SOURCE = SourceFile(file_name="安全生产考核结果.xlsx", sha256="b" * 64, size=2048)


def table(*rows: tuple[str, str], columns: tuple[str, ...] = ("unit_code", "score")) -> ImportTable:
    return ImportTable(
        columns=list(columns),
        rows=[
            TableRow(number=n, cells=dict(zip(columns, row, strict=False)))
            for n, row in enumerate(rows, start=2)
        ],
    )


def registered() -> SpecialAssessment:
    assessment = SpecialAssessment.register(
        year_id=YEAR_ID,
        key="work-safety",
        name="安全生产目标责任考核",
        department="县应急管理局",
        stamp=office(),
    )
    assessment.collect_events()
    return assessment


def imported(assessment: SpecialAssessment, rows: ImportTable, reason: str | None = None) -> None:
    assessment.import_results(
        scale=SCALE,
        table=rows,
        source=SOURCE,
        jurisdiction=JURISDICTION,
        enrolled=ENROLLED,
        stamp=office(reason=reason),
    )


GOOD = [(code, str(80 + i)) for i, code in enumerate(CODES[:5])]


def test_an_import_with_one_bad_row_stores_nothing_and_names_row_7_field_score() -> None:
    assessment = registered()
    rows = [*GOOD, ("D03", "120")]  # the sixth data row is row 7 of the sheet
    with pytest.raises(errors.ImportRejected) as caught:
        imported(assessment, table(*rows))
    assert [(p.row, p.field) for p in caught.value.problems] == [(7, "score")]
    assert "row 7, score: 120 is outside the range 0-100" in str(caught.value)
    assert (assessment.pending_events, assessment.imports, assessment.version) == ([], 0, 1)


def test_the_report_names_every_bad_row_and_field_in_order() -> None:
    assessment = registered()
    rows = [("T01", "90"), ("X99", "80"), ("T01", "85"), ("T02", "abc"), ("", "70"), ("T03", "")]
    with pytest.raises(errors.ImportRejected) as caught:
        imported(assessment, table(*rows))
    problems = [(p.row, p.field) for p in caught.value.problems]
    assert problems == [
        (3, "unit_code"),
        (4, "unit_code"),
        (5, "score"),
        (6, "unit_code"),
        (7, "score"),
    ]
    assert "unknown unit code 'X99'" in caught.value.message
    assert "duplicate unit 'T01' (first on row 2)" in caught.value.message
    assert assessment.pending_events == []


def test_a_missing_column_is_named_on_the_header_row() -> None:
    with pytest.raises(errors.ImportRejected) as caught:
        imported(registered(), table(("T01", "90"), columns=("unit_code", "points")))
    assert [(p.row, p.field, p.message) for p in caught.value.problems] == [
        (1, "score", "missing column")
    ]


def test_results_are_read_under_chinese_headers_to_two_decimals() -> None:
    assessment = registered()
    rows = ImportTable(
        columns=["单位代码", "单位名称", "得分"],
        rows=[
            TableRow(number=2, cells={"单位代码": "T01", "单位名称": "城关镇", "得分": "92.5"}),
            TableRow(number=3, cells={"单位代码": "D01", "单位名称": "县教育局", "得分": "100"}),
        ],
    )
    imported(assessment, rows)
    [event] = assessment.collect_events()
    results = event.results  # type: ignore[attr-defined]
    assert [(r.unit_code, r.score, r.row) for r in results] == [
        ("T01", Decimal("92.5"), 2),
        ("D01", Decimal(100), 3),
    ]
    with refused(assessment, errors.ImportRejected, "IMPORT_REJECTED", "table"):
        imported(assessment, table(("T01", "92.555")), reason="更正")


def test_a_reimport_replaces_the_results_only_with_a_reason() -> None:
    assessment = registered()
    imported(assessment, table(*GOOD))
    assessment.collect_events()
    with refused(assessment, errors.InvalidInput, "INVALID_INPUT", "reason"):
        imported(assessment, table(*GOOD))
    imported(assessment, table(*GOOD), reason="县应急管理局更正T02得分")
    assert event_names(assessment) == ["ResultsImported"]
    assert assessment.imports == 2
    with refused(assessment, errors.InvalidInput, "INVALID_INPUT", "name"):
        assessment.require_named(name="消防考核", department="县应急管理局")


def test_an_empty_table_or_a_bad_key_or_role_is_refused() -> None:
    with pytest.raises(errors.ImportRejected) as caught:
        imported(registered(), table())
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "table")]
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "key"):
        SpecialAssessment.register(
            year_id=YEAR_ID, key="安全", name="安全", department="应急局", stamp=office()
        )
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        SpecialAssessment.register(
            year_id=YEAR_ID, key="safety", name="安全", department="应急局", stamp=stamp(Role.UNIT)
        )


cells = st.tuples(
    st.sampled_from([*CODES, "X01", ""]),
    st.sampled_from(["0", "59.5", "100", "100.01", "-1", "abc", "", "88.888"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, min_size=1, max_size=12))
def test_an_import_stores_every_row_or_nothing(rows: list[tuple[str, str]]) -> None:
    assessment = registered()
    try:
        imported(assessment, table(*rows))
    except errors.ImportRejected as rejected:
        assert assessment.pending_events == []
        assert assessment.imports == 0
        rows_named = {p.row for p in rejected.problems}
        assert rows_named <= set(range(2, len(rows) + 2))
        return
    [event] = assessment.collect_events()
    assert len(event.results) == len(rows)  # type: ignore[attr-defined]
    assert len({code for code, _ in rows}) == len(rows)
