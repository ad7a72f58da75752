"""`dukao import-history FILE`: a past year from JSON lines (docs/history-import.md),
checked whole on a scratch store, then written through the commands, or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from domain.errors import DomainError
from infrastructure.bootstrap import build_application
from infrastructure.cli_options import DatabaseUrl, JurisdictionCode, RegistryFile, command_store
from infrastructure.demo_store import progress_bar
from infrastructure.imports.history import import_history, read_lines

console = Console()


def import_history_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSON lines.")],
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    batch: Annotated[int, typer.Option(min=1, help="Commands written per transaction.")] = 2000,
) -> None:
    """Import a historic year: every line checked first, every bad one named; stored only
    when none is bad."""
    try:
        settings = command_store(database_url, registry, jurisdiction)
    except DomainError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None
    with file.open(encoding="utf-8") as text:
        lines, bad = read_lines(text)
    if not bad and not lines:
        console.print("[red]error:[/red] the file holds no facts")
        raise typer.Exit(code=1)
    if not bad:
        application = build_application(settings)
        try:
            with progress_bar(console, f"importing {file.name}") as on_progress:
                report = import_history(
                    application, settings, lines, batch=batch, on_progress=on_progress
                )
        finally:
            application.close()
        bad = list(report.bad)
    if bad:
        for line in bad:
            console.print(f"[red]{line}[/red]", highlight=False)
        console.print(f"{len(bad)} bad line(s); nothing was stored")
        raise typer.Exit(code=1)
    console.print(f"imported {len(lines):,} facts as {report.events:,} events")
