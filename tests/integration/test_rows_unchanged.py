"""Whether some rows of a versioned view changed between two checkpoints
(projections/versioned.py, `changed_between`), on both stores: a version written, or one
closed with no successor (a line removed), inside the interval is a change; one at or
before its start, after its end, or of other rows is not."""

from __future__ import annotations

import pytest

from application.app import AssessmentApplication
from projections.versioned import Changes, VersionedTable, changed_between

TABLE = VersionedTable(
    "view_test_rows", keys=[("year_id", "TEXT"), ("unit_id", "TEXT")], values=[("total", "TEXT")]
)


@pytest.fixture
def table(app: AssessmentApplication) -> AssessmentApplication:
    """Unit a written at 10, changed at 20; unit b written at 10, removed at 30;
    unit c written at 40."""
    assert app.view_reader is not None
    with app.view_reader.transaction() as tx:  # type: ignore[attr-defined]
        for statement in TABLE.create_statements():
            tx.execute(statement)
        TABLE.write(tx, 10, Changes({("y", "a"): ("1",), ("y", "b"): ("1",)}))
        TABLE.write(tx, 20, Changes({("y", "a"): ("2",)}))
        TABLE.write(tx, 30, Changes(deletes=frozenset({("y", "b")})))
        TABLE.write(tx, 40, Changes({("y", "c"): ("1",)}))
    return app


@pytest.mark.parametrize(
    ("units", "since", "upto", "changed"),
    [
        (["a"], 10, 19, False),  # the version of 10 is the one read at 10
        (["a"], 10, 20, True),  # a new version at 20
        (["a"], 20, 100, False),
        (["b"], 10, 29, False),
        (["b"], 29, 30, True),  # closed at 30 with no successor
        (["b"], 30, 100, False),
        (["a", "b"], 20, 25, False),
        (["a", "b"], 15, 25, True),
        (["c"], 10, 39, False),  # written after the interval
        (["c"], 39, 40, True),
        (["d"], 0, 100, False),  # rows of no one
    ],
)
def test_a_change_is_a_version_written_or_closed_inside_the_interval(
    table: AssessmentApplication, units: list[str], since: int, upto: int, changed: bool
) -> None:
    scope = TABLE.scope(("unit_id", units), year_id="y")
    with table.view_reader.reading() as tx:  # type: ignore[union-attr]
        assert changed_between(tx, [scope], since, upto) is changed
    other_year = TABLE.scope(("unit_id", units), year_id="z")
    assert table.rows_unchanged([other_year, scope], since=since, upto=upto) is not changed
    assert table.rows_unchanged([other_year], since=since, upto=upto)
