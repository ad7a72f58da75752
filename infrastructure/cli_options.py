"""Options the `dukao` commands share, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        "-d",
        envvar="DUKAO_DATABASE_URL",
        help="Store URL: sqlite:///path or postgresql://user@host:port/db[?schema=name].",
    ),
]
