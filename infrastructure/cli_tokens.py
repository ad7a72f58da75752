"""`dukao token ROLE USER [--unit ID] [--jurisdiction CODE ...]`: mint a bearer token for
development and tests, signed with the key the server verifies with (DUKAO_JWT_SECRET, or
in development the well-known development secret; for DUKAO_JWT_PUBLIC_KEY give the
private key with --private-key). Registered on the CLI with `cli.command("token")(token)`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer

from api.auth import mint
from api.settings import ApiSettings
from domain.vocabulary import Role


def token(
    role: Annotated[str, typer.Argument(help=f"One of: {', '.join(Role)}.")],
    user: Annotated[str, typer.Argument(help="The user id the token names (`sub`).")],
    *,
    unit: Annotated[
        str | None, typer.Option(help="The unit's id: required for role `unit`, else refused.")
    ] = None,
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option(
            help="A jurisdiction the token may act in (repeat for several); none: the "
            "served jurisdiction only."
        ),
    ] = None,
    hours: Annotated[float, typer.Option(help="How long the token is valid.")] = 8.0,
    private_key: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="PEM private key, when the server verifies by a public key.",
        ),
    ] = None,
) -> None:
    """Print a bearer token: `Authorization: Bearer <token>`."""
    try:
        settings = ApiSettings.from_env()
        chosen = Role(role)
        unit_id = UUID(unit) if unit else None
        if settings.keys.algorithm != "HS256" and private_key is None:
            raise ValueError("the server verifies by a public key: give --private-key")
        signing_key = private_key.read_text("utf-8") if private_key else settings.keys.key
        printed = mint(
            settings.keys,
            signing_key=signing_key,
            user_id=user,
            role=chosen,
            unit_id=unit_id,
            jurisdictions=jurisdiction or None,
            lifetime=timedelta(hours=hours),
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(printed)
