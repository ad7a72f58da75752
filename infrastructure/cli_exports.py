"""`dukao export-ranking`, `dukao export-ledger` and `dukao export-supervision-ledger`: the
published tables as CSV or Excel, read from the views once they are brought up to the
log. The store is --database-url's, or a jurisdiction's of a registry (--registry FILE
--jurisdiction CODE, cli_options.py). The API serves the same bytes as downloads
(api/exports.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from domain.errors import DomainError
from domain.ids import unit_id as unit_id_of
from infrastructure.bootstrap import build_application
from infrastructure.cli_options import DatabaseUrl, JurisdictionCode, RegistryFile, store_settings
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
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """Write a period's ranking, category by category (类别, 排名, 单位, 得分, 等次)."""
    _write(
        output,
        form,
        lambda app: ranking_sheet(app, year=year, period=period or str(year)),
        store=(database_url, registry, jurisdiction),
    )


def export_ledger(
    year: Year,
    *,
    output: Output,
    unit: Annotated[list[str] | None, typer.Option(help="Unit codes (default: all).")] = None,
    form: Form = "",
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """Write the year's score ledger: every unit's lines with the clause and events."""

    def sheet(app: object) -> Sheet:
        assert hasattr(app, "jurisdiction")
        ids = [unit_id_of(app.jurisdiction, code) for code in unit] if unit else None
        return ledger_sheet(app, year=year, unit_ids=ids)  # type: ignore[arg-type]

    _write(output, form, sheet, store=(database_url, registry, jurisdiction))


def export_supervision_ledger(
    year: Year,
    *,
    output: Output,
    unit: Annotated[str | None, typer.Option(help="A lead unit's code (default: all).")] = None,
    level: Annotated[str | None, typer.Option(help="general, attention, key, special.")] = None,
    status: Annotated[str | None, typer.Option(help="open, overdue, escalated, closed.")] = None,
    form: Form = "",
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
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

    _write(output, form, sheet, store=(database_url, registry, jurisdiction))


Store = tuple[str | None, Path | None, str | None]  # --database-url, --registry, --jurisdiction


def _write(output: Path, form: str, make: object, *, store: Store) -> None:
    """Nothing is written, nor any store opened, for a bad option; a read the
    application refuses (a year the store does not hold) writes no file."""
    chosen = form or output.suffix.lstrip(".").lower()
    if chosen not in FORMATS:
        console.print(f"[red]error:[/red] --format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(code=1)
    try:
        settings = store_settings(*store)
        sheet = _read(settings, make)
    except DomainError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    output.write_bytes(to_bytes(sheet, chosen))
    console.print(f"{sheet.title}: {len(sheet.rows):,} rows → {output}")


def _read(settings: Settings, make: object) -> Sheet:
    application = build_application(settings)
    try:
        runner = projection_runner(application, settings)
        runner.start()
        runner.catch_up()
        runner.log.close()  # type: ignore[attr-defined]
        sheet: Sheet = make(application)  # type: ignore[operator]
        return sheet
    finally:
        application.close()
