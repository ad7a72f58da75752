"""`dukao replay YEAR --rulebook FILE`: a closed year under another rulebook, beside its
official result, as tables or JSON. Reads only; the lead registers it on the CLI with
`cli.command("replay")(replay)`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import orjson
import typer
from rich.console import Console
from rich.markup import escape

from domain.errors import DomainError, RulebookInvalid
from domain.rulebook.document import parse_rulebook, parse_rulebook_yaml
from domain.rulebook.model import Rulebook
from infrastructure.cli_options import DatabaseUrl, JurisdictionCode, RegistryFile, command_store


def replay(
    year: Annotated[int, typer.Argument(help="The closed year to replay.")],
    *,
    rulebook: Annotated[
        Path,
        typer.Option(
            "--rulebook", "-r", exists=True, dir_okay=False, help="Rulebook YAML or JSON file."
        ),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the replay as JSON instead of tables.")
    ] = False,
    all_units: Annotated[
        bool, typer.Option("--all", help="List unchanged units in the table too.")
    ] = False,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """Replay a closed year under RULEBOOK and show what changes against the official
    result: per unit score, rank and grade, and the score lines that changed."""
    from infrastructure.replay.app import replay_application
    from infrastructure.replay.table import render

    try:
        settings = command_store(database_url, registry, jurisdiction)
    except DomainError as exc:
        _fail(Console(), exc)
    console = Console()
    app = replay_application(settings)
    try:
        result = app.replay_year(year=year, rulebook=load_rulebook(rulebook))
    except DomainError as exc:
        _fail(console, exc)
    finally:
        app.close()
    if json_output:
        typer.echo(result.model_dump_json(indent=2))
    else:
        render(result, console, all_units=all_units)


def load_rulebook(path: Path) -> Rulebook:
    text = path.read_text("utf-8")
    if path.suffix.lower() == ".json":
        try:
            return parse_rulebook(orjson.loads(text))
        except orjson.JSONDecodeError as exc:
            raise RulebookInvalid(f"{path} is not valid JSON: {exc}", field="rulebook") from None
    return parse_rulebook_yaml(text)


def _fail(console: Console, exc: DomainError) -> NoReturn:
    console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
    raise typer.Exit(code=1)
