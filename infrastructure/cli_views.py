"""`dukao project` and `dukao rebuild`: bring the views up to the log, or rebuild them;
`dukao send-reminders` and `dukao open-red-warning-cases` drain the views' outboxes.

Registered on the CLI in infrastructure/cli.py. Both print a progress bar over the log
positions; `project --follow` keeps following the log until interrupted.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from application.app import AssessmentApplication
from domain.errors import DomainError
from infrastructure.bootstrap import build_application
from infrastructure.cli_options import DatabaseUrl, JurisdictionCode, RegistryFile, command_store
from infrastructure.demo_store import progress_bar
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner, view_store
from projections.runner import BATCH_SIZE

console = Console()
log = logging.getLogger("dukao.projections")
BatchSize = Annotated[
    int, typer.Option(min=1, help="Most events committed per batch (a batch is at most a day).")
]


def project(
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    follow: Annotated[bool, typer.Option(help="Keep following the log.")] = False,
    batch_size: BatchSize = BATCH_SIZE,
) -> None:
    """Bring every view up to the end of the log (and, with --follow, keep it there)."""
    _run(
        _settings(database_url, registry, jurisdiction),
        views=(),
        rebuild=False,
        follow=follow,
        batch_size=batch_size,
    )


def rebuild(
    views: Annotated[
        list[str] | None, typer.Argument(help="Views to rebuild; all if none.")
    ] = None,
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    batch_size: BatchSize = BATCH_SIZE,
) -> None:
    """Empty the named views (or all) and project them again from the whole log."""
    _run(
        _settings(database_url, registry, jurisdiction),
        views=views or (),
        rebuild=True,
        follow=False,
        batch_size=batch_size,
    )


def send_reminders(
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    limit: Annotated[int, typer.Option(min=1, help="Most reminders sent this run.")] = 500,
) -> None:
    """Send the reminders waiting in the outbox through DUKAO_REMINDER_GATEWAY (default:
    the log) and mark each one sent."""
    from infrastructure.reminder_sender import gateway_from_env
    from infrastructure.reminder_sender import send_reminders as send

    settings = _settings(database_url, registry, jurisdiction)
    application = build_application(settings)
    try:
        report = send(view_store(application, settings), gateway_from_env(), limit=limit)
    finally:
        application.close()
    console.print(f"sent {report.sent}, failed {report.failed}")
    if report.failed:
        raise typer.Exit(code=1)


def open_red_warning_cases(
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    limit: Annotated[int, typer.Option(min=1, help="Most cases opened this run.")] = 500,
) -> None:
    """Open the supervision case of every target that went red and has none yet (the
    red-warning policy's outbox; the server does this after each batch it projects)."""
    from infrastructure.views.wiring import red_warning_policy

    settings = _settings(database_url, registry, jurisdiction)
    application = build_application(settings)
    try:
        report = red_warning_policy(application, settings).drain(limit=limit)
    finally:
        application.close()
    console.print(f"opened {report.opened}, refused {report.refused}, failed {report.failed}")
    if report.failed:
        raise typer.Exit(code=1)


def project_store(settings: Settings) -> None:
    """Bring every view of the store up to the end of its log, with a progress bar."""
    _run(settings, views=(), rebuild=False, follow=False, batch_size=BATCH_SIZE)


def _settings(database_url: str | None, registry: Path | None, code: str | None) -> Settings:
    try:
        return command_store(database_url, registry, code)
    except DomainError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(code=1) from None


def _run(
    settings: Settings,
    *,
    views: tuple[str, ...] | list[str],
    rebuild: bool,
    follow: bool,
    batch_size: int,
) -> None:
    application = build_application(settings)
    runner = projection_runner(application, settings, listen=follow)
    runner.batch_size = batch_size
    if follow:  # as the server's follower does: beside `dukao serve --no-follow` too
        runner.after_commit = _opening_red_warning_cases(application, settings)
    try:
        if rebuild:
            try:
                runner.rebuild(list(views))
            except ValueError as exc:
                console.print(f"[red]error:[/red] {exc}")
                raise typer.Exit(code=1) from None
        runner.start()
        with progress_bar(console, "projecting the log") as on_progress:
            position = runner.catch_up(on_progress)
        console.print(f"views at position {position:,}")
        if follow:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            try:
                runner.run(stop)
            except KeyboardInterrupt:
                stop.set()
    finally:
        runner.log.close()  # type: ignore[attr-defined]
        application.close()


def _opening_red_warning_cases(
    application: AssessmentApplication, settings: Settings
) -> Callable[[object], None]:
    """After each batch, the red-warning policy's cases; a failure leaves its rows
    waiting for the next batch (infrastructure/views/follower.py)."""
    from infrastructure.views.follower import after_each_batch
    from infrastructure.views.wiring import red_warning_policy

    return after_each_batch(red_warning_policy(application, settings).drain)
