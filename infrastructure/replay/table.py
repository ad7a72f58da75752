"""The replay as readable tables: every changed unit, then the lines that changed."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, Group
from rich.table import Table

from application.replay import Replay
from domain.scoring.diff import LineChange, UnitDiff


def replay_tables(replay: Replay, *, all_units: bool = False) -> Group:
    diff = replay.diff
    title = (
        f"{diff.year}: {diff.official.version} (official) → {diff.replayed.version}; "
        f"{diff.changed_units} of {len(diff.units)} units changed"
    )
    units = Table(title=title, title_justify="left")
    for column in ("unit", "name", "category", "score", "Δ", "rank", "grade", "lines"):
        units.add_column(column, justify="right" if column in {"score", "Δ"} else "left")
    shown = [u for u in diff.units if all_units or u.changed]
    for unit in shown:
        units.add_row(
            unit.code,
            unit.name,
            unit.category,
            _arrow(unit.score_before, unit.score_after),
            _delta(unit),
            _arrow(unit.rank_before, unit.rank_after),
            _arrow(unit.grade_before, unit.grade_after),
            str(len(unit.lines)),
        )
    return Group(units, *(_lines_table(unit) for unit in shown if unit.lines))


def _lines_table(unit: UnitDiff) -> Table:
    table = Table(title=f"{unit.code} {unit.name}: lines that changed", title_justify="left")
    for column in ("kind", "change", "clause", "points", "Δ", "events"):
        table.add_column(column, justify="right" if column in {"points", "Δ"} else "left")
    for change in unit.lines:
        before, after = change.before, change.after
        table.add_row(
            change.key.kind,
            change.change,
            _arrow(before.clause_id if before else None, after.clause_id if after else None),
            _arrow(before.points if before else None, after.points if after else None),
            f"{change.points_delta:+}",
            _events(change),
        )
    return table


def _arrow(before: object, after: object) -> str:
    if before == after:
        return str(before)
    return f"{'—' if before is None else before} → {'—' if after is None else after}"


def _delta(unit: UnitDiff) -> str:
    before, after = unit.score_before or Decimal(0), unit.score_after or Decimal(0)
    return f"{after - before:+}"


def _events(change: LineChange) -> str:
    line = change.after or change.before
    refs = line.event_ids if line else ()
    shown = ", ".join(refs[:2])
    return shown + (f" (+{len(refs) - 2})" if len(refs) > 2 else "")


def render(replay: Replay, console: Console, *, all_units: bool = False) -> None:
    console.print(replay_tables(replay, all_units=all_units))
