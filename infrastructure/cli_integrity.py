"""The inspector's commands: verify the store, compute and publish digests, prove an
event's inclusion or the consistency of two digests, export a year, make a signing key
and grant a restricted application role (docs/integrity.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import orjson
import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from domain.actors import Actor
from domain.errors import DomainError
from domain.integrity.digest import LogDigest
from domain.vocabulary import Role
from infrastructure.cli_options import DatabaseUrl, JurisdictionCode, RegistryFile, command_store

if TYPE_CHECKING:
    from application.app import AssessmentApplication

console = Console()

Size = Annotated[
    int | None, typer.Option("--size", help="The tree size: the log's first SIZE events.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
User = Annotated[str, typer.Option("--user", help="The acting user's id.")]


def _app(
    database_url: str | None, registry: Path | None, code: str | None
) -> AssessmentApplication:
    from infrastructure.bootstrap import build_application

    try:
        settings = command_store(database_url, registry, code)
    except DomainError as exc:
        _fail(exc)
    return build_application(settings)


def _fail(exc: Exception) -> NoReturn:
    console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
    raise typer.Exit(code=2)


def _print(value: object) -> None:
    typer.echo(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def verify(
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    against: Annotated[
        list[Path] | None,
        typer.Option(
            "--against",
            exists=True,
            dir_okay=False,
            help="A digest kept outside the store "
            "(the JSON `dukao digest --json` printed); repeatable.",
        ),
    ] = None,
    json_output: Json = False,
) -> None:
    """Recompute the hash chain and the Merkle tree from the store, check every
    published digest, and name the first broken record. Exit 1 when broken."""
    from infrastructure.integrity.verify import verify_store

    try:
        kept = [LogDigest.model_validate_json(path.read_bytes()) for path in against or []]
    except ValidationError as exc:
        _fail(ValueError(f"--against: not a digest: {exc}"))
    app = _app(database_url, registry, jurisdiction)
    try:
        report = verify_store(app, kept)
    finally:
        app.close()
    if json_output:
        _print(report.as_json())
    elif report.intact:
        typer.echo(
            f"OK: {report.events} events, chain head {report.chain_head}, Merkle root "
            f"{report.root}; {report.digests} digest(s) and {report.signed} signature(s) hold"
        )
    else:
        first = report.problems[0]
        typer.echo(
            f"BROKEN at notification id {first.notification_id}: {first.code}: {first.message}"
        )
        for problem in report.problems[1:]:
            typer.echo(f"  also {problem}")
    raise typer.Exit(code=0 if report.intact else 1)


def digest(
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    size: Size = None,
    publish: Annotated[
        bool, typer.Option("--publish", help="Publish it in the log (LogDigestPublished).")
    ] = False,
    user: Annotated[str | None, typer.Option("--user", help="Publishing user's id.")] = None,
    role: Annotated[
        Role, typer.Option("--role", help="Publishing user's role.")
    ] = Role.ASSESSMENT_OFFICE,
) -> None:
    """Print the digest of the log (its first SIZE events): tree size, last notification
    id, Merkle root and chain head, as JSON to keep. --publish stores it in the log,
    signed with DUKAO_DIGEST_SIGNING_KEY when set."""
    app = _app(database_url, registry, jurisdiction)
    try:
        if publish:
            if not user:
                _fail(ValueError("--publish needs --user"))
            published = app.publish_log_digest(by=Actor(user_id=user, role=role), size=size)
            _print(published.model_dump(mode="json"))
        else:
            _print(app.log_digest(size=size).model_dump())
    except DomainError as exc:
        _fail(exc)
    finally:
        app.close()


def prove_inclusion(
    notification_id: Annotated[int, typer.Argument(help="The event's notification id.")],
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
    size: Size = None,
) -> None:
    """Print the RFC 9162 inclusion proof of an event in the tree of the log's first
    SIZE events, and check it. Exit 1 when it does not verify."""
    app = _app(database_url, registry, jurisdiction)
    try:
        proof = app.inclusion_proof(notification_id=notification_id, size=size)
    except DomainError as exc:
        _fail(exc)
    finally:
        app.close()
    _print(proof.model_dump() | {"verified": proof.verifies()})
    raise typer.Exit(code=0 if proof.verifies() else 1)


def prove_consistency(
    first: Annotated[int, typer.Argument(help="The earlier digest's tree size.")],
    second: Annotated[int | None, typer.Argument(help="The later size (default: now).")] = None,
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """Print the RFC 9162 consistency proof between the trees of sizes FIRST and
    SECOND, check it, and compare both roots with the digests published at those sizes.
    Exit 1 when anything does not hold."""
    app = _app(database_url, registry, jurisdiction)
    try:
        proof = app.consistency_proof(first=first, second=second)
        published = {p.digest.tree_size: p.digest.root for p in app.published_digests()}
    except DomainError as exc:
        _fail(exc)
    finally:
        app.close()
    matches = {
        str(size): (published[size] == root if size in published else None)
        for size, root in (
            (proof.first_size, proof.first_root),
            (proof.second_size, proof.second_root),
        )
    }
    holds = proof.verifies() and all(m is not False for m in matches.values())
    _print(proof.model_dump() | {"verified": proof.verifies(), "matches_published": matches})
    raise typer.Exit(code=0 if holds else 1)


def export(
    year: Annotated[int, typer.Argument(help="The assessment year to export.")],
    *,
    output: Annotated[
        Path, typer.Option("--output", "-o", dir_okay=False, help="The zip to write.")
    ],
    user: User,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """Export YEAR as one zip: events (JSON lines), rulebooks, digests, proofs and a
    standalone verifier (`python3 -I verify.py ARCHIVE`)."""
    from infrastructure.integrity.export import export_year

    app = _app(database_url, registry, jurisdiction)
    try:
        summary = export_year(
            app, year=year, path=output, by=Actor(user_id=user, role=Role.INSPECTOR)
        )
    except DomainError as exc:
        _fail(exc)
    finally:
        app.close()
    typer.echo(
        f"{summary.path}: {summary.events} events, {summary.rulebooks} rulebook(s), "
        f"{summary.digests} published digest(s); tree size {summary.tree_size}, root {summary.root}"
    )


def keygen() -> None:
    """Print a new Ed25519 signing key for DUKAO_DIGEST_SIGNING_KEY, and its key id."""
    from infrastructure.integrity.signing import Ed25519Signer

    signer = Ed25519Signer.generate()
    typer.echo(f"DUKAO_DIGEST_SIGNING_KEY={signer.private_hex()}")
    typer.echo(f"# key id {signer.key_id}, public key {signer.public_key.hex()}")


def grant_app_role(
    role: Annotated[str, typer.Argument(help="An existing PostgreSQL role.")],
    *,
    database_url: DatabaseUrl = None,
    registry: RegistryFile = None,
    jurisdiction: JurisdictionCode = None,
) -> None:
    """As the store's owner: create the store if needed, then let ROLE read it and append
    events only through the store function (no INSERT, UPDATE, DELETE or TRUNCATE)."""
    import psycopg

    from infrastructure.store.postgres import AssessmentPostgresRecorder
    from infrastructure.store.roles import grant_application_role

    app = _app(database_url, registry, jurisdiction)
    try:
        recorder = app.recorder
        if not isinstance(recorder, AssessmentPostgresRecorder):
            _fail(ValueError("grant-app-role needs a PostgreSQL store (-d postgresql://…)"))
        datastore = recorder.datastore
        with datastore.get_connection() as conn:
            grant_application_role(
                conn, schema=datastore.schema, role=role, events_table=recorder.events_table_name
            )
    except psycopg.Error as exc:
        _fail(exc)
    finally:
        app.close()
    typer.echo(f"{role} may read the store and append through its store function only")
