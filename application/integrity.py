"""Digests of the log and their proofs (DOMAIN.md §7): computed from the store's chained
log, published as an event, proven per event and between sizes.

The store hands out its chained log (`ChainedLog`, both recorders implement it); the
definitions of the chain, the tree and the proofs are domain/integrity's. A digest is
published only over a log that verifies up to its size.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable
from typing import Any, Protocol, cast
from uuid import UUID

from eventsourcing.utils import get_topic

from application.base import AssessmentBase
from application.command import Outcome, command
from domain import errors
from domain.actors import Actor, Duty, require_duty
from domain.events import Value
from domain.integrity.chain import LogRow
from domain.integrity.digest import DigestSignature, LogDigest, LogDigestRecord, digest_id
from domain.integrity.merkle import consistency_proof, inclusion_proof, leaf_hash, tree_root
from domain.integrity.proofs import ConsistencyProof, InclusionProof
from domain.integrity.verification import ChainVerifier, Problem

DIGEST_TOPIC = get_topic(LogDigestRecord.Published)


class ChainedLog(Protocol):
    """The store's events with their chain hashes (infrastructure/store/log_rows.py)."""

    def log_rows(
        self, *, start: int = 1, stop: int | None = None
    ) -> Generator[LogRow, None, None]: ...

    def hashes_between(self, low: int, high: int) -> list[tuple[int, bytes]]: ...


class DigestSigner(Protocol):
    def sign(self, digest: LogDigest) -> DigestSignature: ...


class LogVerification(Protocol):
    """What `dukao verify` finds (infrastructure/integrity/verify.VerifyReport)."""

    events: int
    last_notification_id: int
    chain_head: str
    root: str
    digests: int
    signed: int
    problems: list[Problem]


class StoreVerifier(Protocol):
    """Recomputes the chain and the tree of the whole store and checks every published
    digest and those given (kept outside the store): `dukao verify`."""

    def __call__(self, app: Any, kept: Iterable[LogDigest], /) -> LogVerification: ...


class PublishedDigest(Value):
    """A digest as published in the log: by whom is in its event's metadata."""

    digest_id: UUID
    digest: LogDigest
    signature: DigestSignature | None
    notification_id: int | None = None  # the digest event's, once stored


class IntegrityCommands(AssessmentBase):
    digest_signer: DigestSigner | None = None  # set by the composition root
    store_verifier: StoreVerifier | None = None  # set by the composition root

    def verify_log(self, *, kept: Iterable[LogDigest] = ()) -> LogVerification:
        """The whole store verified, as `dukao verify` does it."""
        if self.store_verifier is None:
            raise RuntimeError("no store verifier: build the application with bootstrap")
        return self.store_verifier(self, kept)

    def chained_log(self) -> ChainedLog:
        return cast(ChainedLog, self.recorder)

    def log_digest(self, *, size: int | None = None) -> LogDigest:
        """The digest of the log's first `size` events (all of them by default), refused
        when the chain or an earlier digest does not verify up to there."""
        verifier = self._verified(size)
        return LogDigest(
            tree_size=verifier.events,
            last_notification_id=verifier.last_notification_id,
            root=verifier.tree.root().hex(),
            chain_head=verifier.head.hex(),
        )

    @command
    def publish_log_digest(
        self, *, by: Actor, size: int | None = None, idempotency_key: str | None = None
    ) -> Outcome[PublishedDigest]:
        require_duty(by.role, Duty.PUBLISH_LOG_DIGEST)
        digest = self.log_digest(size=size)
        if self.find(LogDigestRecord, digest_id(digest.tree_size)) is not None:
            raise errors.AlreadyExists(
                f"a digest of the first {digest.tree_size} events is already published",
                field="size",
            )
        signature = self.digest_signer.sign(digest) if self.digest_signer else None
        record = LogDigestRecord.publish(digest=digest, signature=signature, stamp=self.stamp(by))
        return Outcome(
            PublishedDigest(digest_id=record.id, digest=digest, signature=signature), record
        )

    def published_digests(self) -> list[PublishedDigest]:
        """Every digest published in the log, in log order."""
        found, start = [], 1
        while page := self.recorder.select_notifications(start, 1000, topics=[DIGEST_TOPIC]):
            for stored in page:
                event = cast(LogDigestRecord.Published, self.mapper.to_domain_event(stored))
                found.append(
                    PublishedDigest(
                        digest_id=event.originator_id,
                        digest=event.digest,
                        signature=event.signature,
                        notification_id=stored.id,
                    )
                )
            start = page[-1].id + 1
        return found

    def inclusion_proof(self, *, notification_id: int, size: int | None = None) -> InclusionProof:
        """The audit path of the event at `notification_id` in the tree of the first
        `size` events (all of them by default)."""
        ids, leaves = self._leaves(size)
        with contextlib.suppress(ValueError):
            index = ids.index(notification_id)
            return InclusionProof(
                notification_id=notification_id,
                leaf_index=index,
                tree_size=len(leaves),
                leaf_hash=leaves[index].hex(),
                path=tuple(p.hex() for p in inclusion_proof(leaves, index)),
                root=tree_root(leaves).hex(),
            )
        raise errors.NotFound(
            f"no event {notification_id} among the first {len(leaves)} of the log",
            field="notification_id",
        )

    def consistency_proof(self, *, first: int, second: int | None = None) -> ConsistencyProof:
        """That the tree of the first `first` events is a prefix of the tree of the
        first `second` (all of them by default)."""
        _, leaves = self._leaves(second)
        if not 1 <= first <= len(leaves):
            raise errors.InvalidInput(
                f"the first size is between 1 and the second ({len(leaves)})", field="first"
            )
        return ConsistencyProof(
            first_size=first,
            second_size=len(leaves),
            first_root=tree_root(leaves[:first]).hex(),
            second_root=tree_root(leaves).hex(),
            path=tuple(p.hex() for p in consistency_proof(leaves, first)),
        )

    def _verified(self, size: int | None) -> ChainVerifier:
        if size is not None and size < 1:
            raise errors.InvalidInput("a digest covers at least one event", field="size")
        verifier = ChainVerifier(orphans=self.chained_log().hashes_between)
        for published in self.published_digests():
            assert published.notification_id is not None
            verifier.expect(published.notification_id, published.digest)
        rows = self.chained_log().log_rows()
        with contextlib.closing(rows):
            verifier.feed(rows, limit=size)
        if size is not None and verifier.events < size:
            raise errors.InvalidInput(
                f"the log holds {verifier.events} events, fewer than {size}", field="size"
            )
        problems = verifier.finish(complete=size is None)
        if problems:
            raise errors.LogIntegrityBroken(
                f"the log does not verify: {problems[0]} (run `dukao verify`)", field="log"
            )
        return verifier

    def _leaves(self, size: int | None) -> tuple[list[int], list[bytes]]:
        if size is not None and size < 1:
            raise errors.InvalidInput("a tree holds at least one event", field="size")
        ids: list[int] = []
        leaves: list[bytes] = []
        rows = self.chained_log().log_rows()
        with contextlib.closing(rows):
            for notification_id, canonical, _ in rows:
                if size is not None and len(leaves) == size:
                    break
                ids.append(notification_id)
                leaves.append(leaf_hash(canonical))
        if size is not None and len(leaves) < size:
            raise errors.InvalidInput(
                f"the log holds {len(leaves)} events, fewer than {size}", field="size"
            )
        if not leaves:
            raise errors.InvalidInput("the log holds no event yet", field="size")
        return ids, leaves
