"""`dukao`: generate a demo year and serve the GraphQL API.

dukao demo       generate data/demo-<size>-<seed>.sqlite once, then serve it
dukao generate   generate a year into a store (the demo file, or --database-url)
dukao serve      serve the store named by --database-url or DUKAO_DATABASE_URL
                 (--workers N --no-follow beside `dukao project --follow`)
dukao replay     a closed year under another rulebook, with the diff (cli_replay.py)
dukao project    bring the views up to the log; rebuild: project them again (cli_views.py)
dukao send-reminders   drain the reminder outbox through the gateway (cli_views.py)
dukao import-history   a past year from JSON lines, all or nothing (cli_history.py)
dukao export-ranking, export-ledger, export-supervision-ledger
                 published tables as CSV or Excel (cli_exports.py)
dukao open-red-warning-cases   open the red-warning policy's cases (cli_views.py)
dukao verify, digest, prove-inclusion, prove-consistency, export, keygen,
      grant-app-role   the integrity tools (cli_integrity.py, docs/integrity.md)
dukao token      mint a development bearer token for the API (cli_tokens.py)
dukao print-tokens   issue public evaluation tokens as QR codes, PNG and SVG (cli_print_tokens.py)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from domain.errors import DomainError
from infrastructure import (
    cli_exports,
    cli_history,
    cli_integrity,
    cli_print_tokens,
    cli_replay,
    cli_tokens,
    cli_views,
)
from infrastructure.cli_options import DatabaseUrl
from infrastructure.settings import Settings

cli = typer.Typer(
    help="目标督考: event-sourced target-responsibility assessment.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()

Size = Annotated[str, typer.Option(help="Demo size: tiny, county or city.")]
Seed = Annotated[int, typer.Option(help="Seed of the deterministic generator.")]
DataDir = Annotated[Path, typer.Option(help="Directory of the demo SQLite files.")]
Host = Annotated[str, typer.Option(help="Interface to listen on.")]
Port = Annotated[int, typer.Option(help="Port to listen on.")]


def settings_for(url: str) -> Settings:
    """The environment's settings with the store named on the command line."""
    return dataclasses.replace(Settings.from_env(), database_url=url)


@cli.command()
def demo(
    *,
    size: Size = "county",
    seed: Seed = 2025,
    data_dir: DataDir = Path("data"),
    host: Host = "127.0.0.1",
    port: Port = 8000,
    regenerate: Annotated[
        bool, typer.Option(help="Generate again even if the file exists.")
    ] = False,
) -> None:
    """Generate a deterministic demo year on SQLite (once), project its views, then serve
    its GraphQL API."""
    from infrastructure.demo_store import demo_file, sqlite_url

    path = demo_file(data_dir, size, seed)
    if path.exists() and not regenerate:
        console.print(f"Reusing {path} (pass --regenerate to generate it again).")
    else:
        _generate_file(path, size=size, seed=seed)
    settings = Settings(sqlite_url(path))
    cli_views.project_store(settings)  # rankings and ledgers complete before the first query
    _serve(settings, host=host, port=port)


@cli.command()
def generate(
    *,
    size: Size = "county",
    seed: Seed = 2025,
    data_dir: DataDir = Path("data"),
    database_url: DatabaseUrl = None,
) -> None:
    """Generate a deterministic demo year: into the demo SQLite file under --data-dir
    (replacing it), or into the empty store named by --database-url."""
    from infrastructure.demo_store import demo_file, generate_into

    if database_url is None:
        _generate_file(demo_file(data_dir, size, seed), size=size, seed=seed)
        return
    try:
        report = generate_into(Settings(database_url), size=size, seed=seed, console=console)
    except (DomainError, ValueError) as exc:
        _fail(exc)
    typer.echo(report.table())


@cli.command()
def serve(
    *,
    database_url: DatabaseUrl = None,
    host: Host = "127.0.0.1",
    port: Port = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes; above 1 needs --no-follow.")
    ] = 1,
    follow: Annotated[
        bool,
        typer.Option(help="Project the views in the server (else run `dukao project --follow`)."),
    ] = True,
) -> None:
    """Serve the GraphQL API at http://HOST:PORT/graphql over an existing store."""
    settings = settings_for(database_url) if database_url else Settings.from_env()
    if workers > 1 and follow:
        _fail(ValueError("--workers above 1 needs --no-follow and `dukao project --follow`"))
    _serve(settings, host=host, port=port, workers=workers, follow=follow)


def _generate_file(path: Path, *, size: str, seed: int) -> None:
    from infrastructure.demo_store import generate_file

    console.print(f"Generating {path} …")
    try:
        report = generate_file(path, size=size, seed=seed, console=console)
    except (DomainError, ValueError) as exc:
        _fail(exc)
    typer.echo(report.table())


def _serve(
    settings: Settings, *, host: str, port: int, workers: int = 1, follow: bool = True
) -> None:
    from infrastructure.serve import serve as run

    console.print(f"GraphQL API at http://{host}:{port}/graphql (Ctrl-C to stop)")
    run(settings, host=host, port=port, workers=workers, follow=follow)


def _fail(exc: Exception) -> NoReturn:
    console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
    raise typer.Exit(code=1)


for _command in (
    cli_integrity.verify,
    cli_integrity.digest,
    cli_integrity.prove_inclusion,
    cli_integrity.prove_consistency,
    cli_integrity.export,
    cli_integrity.keygen,
    cli_integrity.grant_app_role,
):
    cli.command(_command.__name__.replace("_", "-"))(_command)


for _name, _function in (
    ("replay", cli_replay.replay),
    ("project", cli_views.project),
    ("rebuild", cli_views.rebuild),
    ("send-reminders", cli_views.send_reminders),
    ("import-history", cli_history.import_history_command),
    ("export-ranking", cli_exports.export_ranking),
    ("export-ledger", cli_exports.export_ledger),
    ("export-supervision-ledger", cli_exports.export_supervision_ledger),
    ("open-red-warning-cases", cli_views.open_red_warning_cases),
    ("token", cli_tokens.token),
    ("print-tokens", cli_print_tokens.print_tokens),
):
    cli.command(_name)(_function)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
