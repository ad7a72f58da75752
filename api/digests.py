"""Digests of the log (docs/integrity.md): the digest of the log now (`logDigest`, to
keep outside the store), the digests published in it (`publishedDigests`,
`latestDigest`) and publishing one at the current log position (`publishLogDigest`).

Only the assessment office publishes (`Duty.PUBLISH_LOG_DIGEST`, DOMAIN.md §1: the
office publishes; an inspector is read-only and holds no duty). An inspector's anchor is
stronger anyway: the digest it computes itself and keeps outside the store. Reading
digests is for readers (`ALL_UNITS`): they describe the whole log.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.relay import Connection
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import value_of
from api.mutation import Run, ident, mutation
from api.pagination import PageAfter, PageSize, connection
from api.permissions import QUERY_SCOPES, Guard, ReadScope, require_reader
from application.integrity import PublishedDigest
from domain import errors
from domain.actors import Duty
from domain.integrity.digest import DigestSignature, LogDigest


@strawberry.type(name="LogDigest", description="The log's Merkle root and chain head at a size.")
class LogDigestType:
    tree_size: int = strawberry.field(description="It covers the log's first `treeSize` events.")
    last_notification_id: int = strawberry.field(description="The last of them.")
    root: str = strawberry.field(description="RFC 6962 Merkle tree root (hex).")
    chain_head: str = strawberry.field(description="The hash chain's head after them (hex).")

    @classmethod
    def of(cls, digest: LogDigest) -> LogDigestType:
        return cls(
            tree_size=digest.tree_size,
            last_notification_id=digest.last_notification_id,
            root=digest.root,
            chain_head=digest.chain_head,
        )


@strawberry.input(description="A digest as `logDigest` gave it (kept outside the store).")
class LogDigestInput:
    tree_size: int = strawberry.field(description="Its tree size.")
    last_notification_id: int = strawberry.field(description="Its last notification id.")
    root: str = strawberry.field(description="Its Merkle root (64 lowercase hex digits).")
    chain_head: str = strawberry.field(description="Its chain head (64 lowercase hex digits).")


def digest_of(given: LogDigestInput, path: str) -> LogDigest:
    digest = value_of(LogDigest, given, path)
    try:
        digest.check()
    except errors.DomainError as error:
        name = {"size": "treeSize", "last_notification_id": "lastNotificationId"}
        field = name.get(error.field or "", error.field or "")
        raise errors.InvalidInput(error.message, field=f"{path}.{field}") from None
    return digest


@strawberry.type(name="DigestSignature", description="An Ed25519 signature over a digest.")
class DigestSignatureType:
    key_id: str = strawberry.field(description="SHA-256 of the public key, first 16 hex digits.")
    public_key: str = strawberry.field(description="The 32-byte public key (hex).")
    signature: str = strawberry.field(description="The 64-byte signature (hex).")

    @classmethod
    def of(cls, signature: DigestSignature | None) -> DigestSignatureType | None:
        if signature is None:
            return None
        return cls(
            key_id=signature.key_id,
            public_key=signature.public_key,
            signature=signature.signature,
        )


@strawberry.type(name="PublishedDigest", description="A digest published in the log.")
class PublishedDigestType:
    digest_id: strawberry.ID = strawberry.field(description="Its record's id.")
    digest: LogDigestType = strawberry.field(description="The digest.")
    signature: DigestSignatureType | None = strawberry.field(
        description="Its signature, when the office's signing key was set."
    )
    notification_id: int | None = strawberry.field(
        description="The notification id of the event that published it."
    )

    @classmethod
    def of(cls, published: PublishedDigest) -> PublishedDigestType:
        return cls(
            digest_id=ident(published.digest_id),
            digest=LogDigestType.of(published.digest),
            signature=DigestSignatureType.of(published.signature),
            notification_id=published.notification_id,
        )


SizeArgument = Annotated[
    int | None, strawberry.argument(description="The log's first `size` events; all if null.")
]


async def log_digest(info: Info[ApiContext, None], size: SizeArgument = None) -> LogDigestType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    found = await info.context.views.run(info.context.application.log_digest, size=size)
    return LogDigestType.of(found)


async def published_digests(
    info: Info[ApiContext, None],
    first: PageSize = 50,
    after: PageAfter = None,
) -> Connection[PublishedDigestType]:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    found = await info.context.views.run(info.context.application.published_digests)
    return connection(
        sorted(found, key=lambda p: p.digest.tree_size),
        kind="digest",
        key=lambda p: p.digest.tree_size,
        node=PublishedDigestType.of,
        first=first,
        after=after,
    )


async def latest_digest(info: Info[ApiContext, None]) -> PublishedDigestType | None:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    found = await info.context.views.run(info.context.application.published_digests)
    return PublishedDigestType.of(found[-1]) if found else None


QUERY_SCOPES.update(
    logDigest=ReadScope.ALL_UNITS,
    publishedDigests=ReadScope.ALL_UNITS,
    latestDigest=ReadScope.ALL_UNITS,
)


@strawberry.type
class DigestQueries:
    log_digest: LogDigestType = strawberry.field(
        resolver=log_digest,
        description="The digest of the log now (its first `size` events), computed by "
        "verifying it up to there: keep it outside the store. LOG_INTEGRITY_BROKEN when the "
        "log does not verify.",
    )
    published_digests: Connection[PublishedDigestType] = strawberry.field(
        resolver=published_digests,
        description="Every digest published in the log, by tree size.",
    )
    latest_digest: PublishedDigestType | None = strawberry.field(
        resolver=latest_digest,
        description="The digest published last; null before the first.",
    )


@strawberry.input(description="Publish the digest of the log at the current position.")
class PublishLogDigestInput:
    size: int | None = strawberry.field(
        default=None, description="The log's first `size` events; all of them if null."
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry under the same key stores nothing more."
    )


@strawberry.type
class DigestMutations:
    @mutation(
        Guard(Duty.PUBLISH_LOG_DIGEST),
        "Publish the digest of the log (its first `size` events, all by default) as an "
        "event, signed when the office's key is set (the assessment office).",
    )
    def publish_log_digest(run: Run, input: PublishLogDigestInput) -> PublishedDigestType:
        published = run.app.publish_log_digest(size=input.size, **run.command(input))
        return PublishedDigestType.of(published)
