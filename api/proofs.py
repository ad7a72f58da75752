"""Proofs over the log (RFC 9162 §2.1.3-4, docs/integrity.md): an event's inclusion in
the tree of a size, the consistency of two sizes, and checking a proof a client holds
against digests — the one it kept (given) or the one published at that size.

A proof's path only leads to the root it carries; `verifyInclusion` and
`verifyConsistency` say whether that root is a digest's. They are computed from the
input and the published digests alone; an inspector who trusts no server checks the
same with the archive's `verify.py` or any RFC 9162 implementation.
"""

from __future__ import annotations

import re
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.digests import LogDigestInput, LogDigestType, digest_of
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from domain import errors
from domain.integrity.digest import LogDigest
from domain.integrity.proof_checks import ProofCheck, check_consistency, check_inclusion
from domain.integrity.proofs import ConsistencyProof, InclusionProof

_HASH = re.compile(r"[0-9a-f]{64}")


@strawberry.type(name="InclusionProof", description="That an event is a leaf of a tree.")
class InclusionProofType:
    notification_id: int = strawberry.field(description="The event.")
    leaf_index: int = strawberry.field(description="Its leaf's index, from 0.")
    tree_size: int = strawberry.field(description="The tree: the log's first `treeSize` events.")
    leaf_hash: str = strawberry.field(description="SHA-256(0x00 || its canonical bytes), hex.")
    path: list[str] = strawberry.field(description="The audit path, leaf to root (hex).")
    root: str = strawberry.field(description="The root the path leads to (hex).")


@strawberry.input(description="An inclusion proof as `inclusionProof` gave it.")
class InclusionProofInput:
    notification_id: int = strawberry.field(description="The event.")
    leaf_index: int = strawberry.field(description="Its leaf's index.")
    tree_size: int = strawberry.field(description="The tree's size.")
    leaf_hash: str = strawberry.field(description="The leaf hash (hex).")
    path: list[str] = strawberry.field(description="The audit path (hex).")
    root: str = strawberry.field(description="The root (hex).")


@strawberry.type(name="ConsistencyProof", description="That one tree is a prefix of another.")
class ConsistencyProofType:
    first_size: int = strawberry.field(description="The earlier tree's size.")
    second_size: int = strawberry.field(description="The later tree's size.")
    first_root: str = strawberry.field(description="The earlier root (hex).")
    second_root: str = strawberry.field(description="The later root (hex).")
    path: list[str] = strawberry.field(description="The consistency path (hex).")


@strawberry.input(description="A consistency proof as `consistencyProof` gave it.")
class ConsistencyProofInput:
    first_size: int = strawberry.field(description="The earlier tree's size.")
    second_size: int = strawberry.field(description="The later tree's size.")
    first_root: str = strawberry.field(description="The earlier root (hex).")
    second_root: str = strawberry.field(description="The later root (hex).")
    path: list[str] = strawberry.field(description="The consistency path (hex).")


@strawberry.type(name="ProofCheck", description="Whether a proof holds against digests.")
class ProofCheckType:
    verified: bool = strawberry.field(
        description="The path holds and its roots are the digests' (no problems)."
    )
    path_holds: bool = strawberry.field(description="The path leads to the proof's root(s).")
    compared: list[LogDigestType] = strawberry.field(description="The digests compared with.")
    problems: list[str] = strawberry.field(description="What does not hold, if anything.")

    @classmethod
    def of(cls, check: ProofCheck) -> ProofCheckType:
        return cls(
            verified=check.verified,
            path_holds=check.path_holds,
            compared=[LogDigestType.of(d) for d in check.compared],
            problems=list(check.problems),
        )


async def inclusion_proof(
    info: Info[ApiContext, None],
    notification_id: Annotated[int, strawberry.argument(description="The event's id.")],
    tree_size: Annotated[
        int | None, strawberry.argument(description="The tree's size (a digest's); now if null.")
    ] = None,
) -> InclusionProofType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    try:
        found = await info.context.views.run(
            info.context.application.inclusion_proof,
            notification_id=notification_id,
            size=tree_size,
        )
    except errors.DomainError as error:
        error.field = "treeSize" if error.field == "size" else error.field
        raise
    return InclusionProofType(**found.model_dump() | {"path": list(found.path)})


async def consistency_proof(
    info: Info[ApiContext, None],
    from_size: Annotated[int, strawberry.argument(description="The earlier digest's size.")],
    to_size: Annotated[
        int | None, strawberry.argument(description="The later size; now if null.")
    ] = None,
) -> ConsistencyProofType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    try:
        found = await info.context.views.run(
            info.context.application.consistency_proof, first=from_size, second=to_size
        )
    except errors.DomainError as error:  # the application's names, as the arguments'
        error.field = {"first": "fromSize", "size": "toSize"}.get(error.field or "", error.field)
        raise
    return ConsistencyProofType(**found.model_dump() | {"path": list(found.path)})


async def verify_inclusion(
    info: Info[ApiContext, None],
    proof: Annotated[InclusionProofInput, strawberry.argument(description="The proof.")],
    digest: Annotated[
        LogDigestInput | None,
        strawberry.argument(description="The digest kept; null: the one published at its size."),
    ] = None,
) -> ProofCheckType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    held = InclusionProof(
        notification_id=proof.notification_id,
        leaf_index=proof.leaf_index,
        tree_size=proof.tree_size,
        leaf_hash=_hash(proof.leaf_hash, "proof.leafHash"),
        path=tuple(_hash(p, f"proof.path.{i}") for i, p in enumerate(proof.path)),
        root=_hash(proof.root, "proof.root"),
    )
    against = await _digest(info, digest, "digest", proof.tree_size)
    return ProofCheckType.of(check_inclusion(held, against))


async def verify_consistency(
    info: Info[ApiContext, None],
    proof: Annotated[ConsistencyProofInput, strawberry.argument(description="The proof.")],
    first: Annotated[
        LogDigestInput | None,
        strawberry.argument(description="The earlier digest kept; null: the one published."),
    ] = None,
    second: Annotated[
        LogDigestInput | None,
        strawberry.argument(description="The later digest kept; null: the one published, if any."),
    ] = None,
) -> ProofCheckType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    held = ConsistencyProof(
        first_size=proof.first_size,
        second_size=proof.second_size,
        first_root=_hash(proof.first_root, "proof.firstRoot"),
        second_root=_hash(proof.second_root, "proof.secondRoot"),
        path=tuple(_hash(p, f"proof.path.{i}") for i, p in enumerate(proof.path)),
    )
    earlier = await _digest(info, first, "first", proof.first_size)
    later = await _digest(info, second, "second", proof.second_size)
    return ProofCheckType.of(check_consistency(held, earlier, later))


async def _digest(
    info: Info[ApiContext, None], given: LogDigestInput | None, path: str, size: int
) -> LogDigest | None:
    """The digest given, or the one published at `size`."""
    if given is not None:
        return digest_of(given, path)
    published = await info.context.views.run(info.context.application.published_digests)
    return next((p.digest for p in published if p.digest.tree_size == size), None)


def _hash(value: str, field: str) -> str:
    if not _HASH.fullmatch(value):
        raise errors.InvalidInput(f"{field}: 64 lowercase hex digits expected", field=field)
    return value


QUERY_SCOPES.update(
    inclusionProof=ReadScope.ALL_UNITS,
    consistencyProof=ReadScope.ALL_UNITS,
    verifyInclusion=ReadScope.ALL_UNITS,
    verifyConsistency=ReadScope.ALL_UNITS,
)


@strawberry.type
class ProofQueries:
    inclusion_proof: InclusionProofType = strawberry.field(
        resolver=inclusion_proof,
        description="The audit path of an event in the tree of the log's first `treeSize` "
        "events (RFC 9162 §2.1.3). NOT_FOUND (field `notificationId`) outside it.",
    )
    consistency_proof: ConsistencyProofType = strawberry.field(
        resolver=consistency_proof,
        description="That the tree of `fromSize` events is a prefix of the tree of `toSize` "
        "(RFC 9162 §2.1.4): nothing in it was changed or removed since.",
    )
    verify_inclusion: ProofCheckType = strawberry.field(
        resolver=verify_inclusion,
        description="Check an inclusion proof: its path, and its root against the digest "
        "given or published at its size.",
    )
    verify_consistency: ProofCheckType = strawberry.field(
        resolver=verify_consistency,
        description="Check a consistency proof: its path, its first root against the digest "
        "given or published at that size (required), its second root likewise when known.",
    )
