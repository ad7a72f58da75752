"""`dukao print-tokens CAMPAIGN --count N --out DIR --by USER`: issue a batch of public
satisfaction tokens (群众满意度, seed 001: scan a QR code, no registration) and write each
as a printable QR code, PNG and SVG, of the office's evaluation link
(`DUKAO_EVALUATION_URL`, infrastructure/qr.py).

Why a command rather than images in the `issueEvaluationTokens` answer: the office prints
slips in hundreds at a print shop from files, and the plaintext of a batch exists only in
the answer of the command that issued it, so the tool that issues the batch writes the
files in the same run; no token passes through a browser or a log. A batch issued through
the API is printed with `--tokens FILE` (one token a line) without issuing another.
Registered on the CLI as `print-tokens`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from domain.actors import Actor
from domain.errors import DomainError
from domain.evaluations.tokens import is_token_shaped
from domain.vocabulary import Role
from infrastructure.bootstrap import build_application
from infrastructure.cli_options import DatabaseUrl, JurisdictionCode, RegistryFile, command_store
from infrastructure.qr import EvaluationLinks
from infrastructure.settings import Settings

console = Console()
FORMATS = ("png", "svg")


def print_tokens(
    campaign: Annotated[str, typer.Argument(help="The public campaign's id.")],
    *,
    out: Annotated[Path, typer.Option(help="An empty or new directory for the images.")],
    by: Annotated[str | None, typer.Option(help="The office user issuing the batch.")] = None,
    count: Annotated[int, typer.Option(min=1, max=5000, help="Tokens to issue.")] = 100,
    tokens: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Print these tokens; issue none."),
    ] = None,
    image: Annotated[list[str] | None, typer.Option(help="png and/or svg (default both).")] = None,
    scale: Annotated[int, typer.Option(min=1, max=40, help="Pixels per module.")] = 8,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """Issue a batch of public tokens and write each as a QR code, PNG and SVG."""
    kinds = tuple(image or FORMATS)
    try:
        links = EvaluationLinks.from_env()
        _check(out, kinds)
        campaign_id = UUID(campaign)
        if tokens is not None:
            batch, drawn = 0, _read(tokens)
        else:
            store = command_store(database_url, registry, jurisdiction)
            batch, drawn = _issue(campaign_id, count, by, store)
    except (ValueError, DomainError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    prefix = f"{campaign_id.hex[:8]}-b{batch}"
    written = write_codes(links, drawn, out, prefix=prefix, kinds=kinds, scale=scale)
    console.print(f"{len(drawn)} token(s) of batch {batch} written to {out} ({written} files)")


def write_codes(
    links: EvaluationLinks,
    tokens: list[str],
    out: Path,
    *,
    prefix: str,
    kinds: tuple[str, ...],
    scale: int = 8,
) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for number, token in enumerate(tokens, 1):
        for kind in kinds:
            render = links.png if kind == "png" else links.svg
            (out / f"{prefix}-{number:04d}.{kind}").write_bytes(render(token, scale=scale))
    return len(tokens) * len(kinds)


def _issue(
    campaign_id: UUID, count: int, by: str | None, settings: Settings
) -> tuple[int, list[str]]:
    if not by:
        raise ValueError("name the office user issuing the batch: --by USER")
    application = build_application(settings)
    try:
        issued = application.issue_evaluation_tokens(
            campaign_id=campaign_id, count=count, by=Actor(user_id=by, role=Role.ASSESSMENT_OFFICE)
        )
    finally:
        application.close()
    return issued.batch, issued.tokens


def _read(path: Path) -> list[str]:
    found = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    if not found or not all(is_token_shaped(token) for token in found):
        raise ValueError(f"{path} must hold evaluation tokens, one a line")
    return found


def _check(out: Path, kinds: tuple[str, ...]) -> None:
    if not kinds or any(kind not in FORMATS for kind in kinds):
        raise ValueError("--image is png or svg")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValueError(f"{out} is not an empty directory: batches are not mixed")
