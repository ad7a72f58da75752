"""Options the `dukao` commands share, declared once, and the store they name together."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Annotated

import typer

from domain import errors
from infrastructure.jurisdictions import Registry
from infrastructure.settings import Settings

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        "-d",
        envvar="DUKAO_DATABASE_URL",
        help="Store URL: sqlite:///path or postgresql://user@host:port/db[?schema=name].",
    ),
]
RegistryFile = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        exists=True,
        dir_okay=False,
        help="A registry of jurisdictions (the YAML of DUKAO_JURISDICTIONS); with --jurisdiction.",
    ),
]
JurisdictionCode = Annotated[
    str | None,
    typer.Option("--jurisdiction", help="The jurisdiction's code in --registry."),
]


def store_settings(
    database_url: str | None, registry: Path | None, jurisdiction: str | None
) -> Settings:
    """The store of --database-url (or DUKAO_DATABASE_URL), or of --jurisdiction's line in
    --registry, read as `dukao serve` reads DUKAO_JURISDICTIONS. Refused, before any store
    is opened: both options on the command line, neither, one of the pair alone, a code
    the registry does not hold. --registry wins over DUKAO_DATABASE_URL in the
    environment, as a command line does (a --database-url equal to it is taken as it)."""
    if registry is None:
        if jurisdiction is not None:
            raise errors.InvalidInput("--jurisdiction needs --registry FILE", field="--registry")
        if not database_url:
            raise errors.InvalidInput(
                "name the store: --database-url URL (or DUKAO_DATABASE_URL), or "
                "--registry FILE --jurisdiction CODE",
                field="--database-url",
            )
        return dataclasses.replace(Settings.from_env(), database_url=database_url)
    if database_url and database_url != os.environ.get("DUKAO_DATABASE_URL"):
        raise errors.InvalidInput(
            "give --database-url or --registry, not both", field="--database-url"
        )
    if jurisdiction is None:
        raise errors.InvalidInput("--registry needs --jurisdiction CODE", field="--jurisdiction")
    try:
        return Registry.from_file(registry).get(jurisdiction).settings
    except errors.NotFound:
        raise errors.NotFound(
            f"no jurisdiction {jurisdiction!r} in the registry {registry}", field="--jurisdiction"
        ) from None


def command_store(
    database_url: str | None, registry: Path | None, jurisdiction: str | None
) -> Settings:
    """The store a maintenance command works on: a jurisdiction's of a registry when
    --registry or --jurisdiction is given (under `store_settings`'s rules), else
    --database-url, else DUKAO_DATABASE_URL or the default store, as before."""
    if registry is None and jurisdiction is None:
        settings = Settings.from_env()
        return (
            dataclasses.replace(settings, database_url=database_url) if database_url else settings
        )
    return store_settings(database_url, registry, jurisdiction)
