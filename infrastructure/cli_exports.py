"""`dukao export-ranking`, `dukao export-ledger` and `dukao export-supervision-ledger`: the
published tables as CSV or Excel, read from the views once they are brought up to the
log. The API serves the same bytes as downloads (api/exports.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from domain.ids import unit_id as unit_id_of
from infrastructure.bootstrap import build_application
from infrastructure.cli_options import DatabaseUrl
from infrastructure.exports.files import FORMATS, to_bytes
from infrastructure.exports.sheets import Sheet, ledger_sheet, ranking_sheet
from infrastructure.exports.supervision import supervision_ledger_sheet
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner

console = Console()
Year = Annotated[int, typer.Argument(help="The assessment year.")]
Output = Annotated[Path, typer.Option("--output", "-o", help="The file to write.")]
Form = Annotated[str, typer.Option("--format", "-f", help="csv or xlsx (default: from -o).")]


def export_ranking(
    year: Year,
    *,
    output: Output,
    period: Annotated[str | None, typer.Option(help="2025, 2025-H1, 2025-Q2, 2025-06.")] = None,
    form: Form = "",
    database_url: DatabaseUrl = None,
) -> None:
    """Write a period's ranking, category by category (类别, 排名, 单位, 得分, 等次)."""
    _write(
        database_url,
        output,
        form,
        lambda app: ranking_sheet(app, year=year, period=period or str(year)),
    )


def export_ledger(
    year: Year,
    *,
    output: Output,
    unit: Annotated[list[str] | None, typer.Option(help="Unit codes (default: all).")] = None,
    form: Form = "",
    database_url: DatabaseUrl = None,
) -> None:
    """Write the year's score ledger: every unit's lines with the clause and events."""

    def sheet(app: object) -> Sheet:
        assert hasattr(app, "jurisdiction")
        ids = [unit_id_of(app.jurisdiction, code) for code in unit] if unit else None
        return ledger_sheet(app, year=year, unit_ids=ids)  # type: ignore[arg-type]

    _write(database_url, output, form, sheet)


def export_supervision_ledger(
    year: Year,
    *,
    output: Output,
    unit: Annotated[str | None, typer.Option(help="A lead unit's code (default: all).")] = None,
    level: Annotated[str | None, typer.Option(help="general, attention, key, special.")] = None,
    status: Annotated[str | None, typer.Option(help="open, overdue, escalated, closed.")] = None,
    form: Form = "",
    database_url: DatabaseUrl = None,
) -> None:
    """Write the supervision ledger (督办台账): every case per lead unit and level, with
    its state, deadline, days overdue and progress reports missed."""

    def sheet(app: object) -> Sheet:
        assert hasattr(app, "jurisdiction")
        lead = unit_id_of(app.jurisdiction, unit) if unit else None
        return supervision_ledger_sheet(
            app,  # type: ignore[arg-type]
            year=year,
            unit_id=lead,
            level=level,
            status=status,
        )

    _write(database_url, output, form, sheet)


def _write(database_url: str | None, output: Path, form: str, make: object) -> None:
    chosen = form or output.suffix.lstrip(".").lower()
    if chosen not in FORMATS:
        console.print(f"[red]error:[/red] --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(code=1)
    settings = Settings.from_env()
    if database_url:
        settings = dataclasses.replace(settings, database_url=database_url)
    application = build_application(settings)
    try:
        runner = projection_runner(application, settings)
        runner.start()
        runner.catch_up()
        runner.log.close()  # type: ignore[attr-defined]
        sheet = make(application)  # type: ignore[operator]
    finally:
        application.close()
    output.write_bytes(to_bytes(sheet, chosen))
    console.print(f"{sheet.title}: {len(sheet.rows):,} rows → {output}")
