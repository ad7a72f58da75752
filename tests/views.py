"""Helpers for projection tests: the whole content of every view, to compare runs."""

from __future__ import annotations

from typing import Any

from projections.runner import ProjectionRunner


def view_rows(runner: ProjectionRunner) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of every view (history included), in a stable order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with runner.store.transaction() as tx:
        for view in runner.views:
            for table in view.tables:
                rows = tx.rows(f"SELECT * FROM {table}")
                found[table] = sorted(rows, key=lambda row: tuple(map(str, row)))
    return found
