"""Recomputing the chain and the Merkle tree from the log's rows, and naming what is
broken: the first record whose stored hash does not follow, events without a chain
hash, chain hashes without their event, and published digests the log no longer
matches. Each link is checked against the *stored* hash before it, so one changed
record breaks one link and the report points at it rather than at everything after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from domain.integrity.chain import GENESIS, LogRow, event_bytes, link
from domain.integrity.digest import LogDigest
from domain.integrity.merkle import MerkleAccumulator, leaf_hash

MAX_PROBLEMS = 100


class Broken(StrEnum):
    HASH_MISMATCH = "HASH_MISMATCH"
    EVENT_UNCHAINED = "EVENT_UNCHAINED"
    EVENT_MISSING = "EVENT_MISSING"
    DIGEST_MISMATCH = "DIGEST_MISMATCH"
    DIGEST_BEYOND_LOG = "DIGEST_BEYOND_LOG"
    SIGNATURE_INVALID = "SIGNATURE_INVALID"


_WHAT = {
    Broken.HASH_MISMATCH: "the stored hash is not SHA-256(previous hash || this event): "
    "this event's content or hash was changed, or records before it were removed, "
    "inserted or reordered",
    Broken.EVENT_UNCHAINED: "the event has no chain hash: it was written around the "
    "store function, or its hash was removed",
    Broken.EVENT_MISSING: "a chain hash without its event: the event was deleted or "
    "its notification id changed",
}


@dataclass(frozen=True)
class Problem:
    code: Broken
    notification_id: int  # the record at fault (for a digest: the last it covers)
    message: str

    def __str__(self) -> str:
        return f"notification id {self.notification_id}: {self.code}: {self.message}"


@dataclass
class ChainVerifier:
    """Feed the log's rows in order; digests to check are keyed by tree size."""

    digests: dict[int, list[tuple[int, LogDigest]]] = field(default_factory=dict)
    events: int = 0
    last_notification_id: int = 0
    head: bytes = GENESIS  # the stored hash of the last record (the chain's head)
    problems: list[Problem] = field(default_factory=list)
    tree: MerkleAccumulator = field(default_factory=MerkleAccumulator)

    def expect(self, published_at: int, digest: LogDigest) -> None:
        """Check the log against `digest`, published in the event at `published_at`."""
        self.digests.setdefault(digest.tree_size, []).append((published_at, digest))

    def feed(self, rows: Iterable[LogRow], *, limit: int | None = None) -> None:
        """Check rows in log order, stopping after `limit` events when given."""
        for notification_id, originator, version, topic, state, stored in rows:
            if limit is not None and self.events >= limit:
                return
            if originator is None:
                self._fail(Broken.EVENT_MISSING, notification_id)
                continue
            # A NULL topic or state (the columns allow it) hashes as empty: a mismatch.
            canonical = event_bytes(
                notification_id, originator, version or 0, topic or "", state or b""
            )
            if stored is None:
                self._fail(Broken.EVENT_UNCHAINED, notification_id)
            elif link(self.head, canonical) != stored:
                self._mismatch(notification_id)
            # The next link is checked from what is stored, so a single change is
            # named once; an unchained event keeps the head where it was.
            self.head = stored if stored is not None else self.head
            self.tree.add(leaf_hash(canonical))
            self.events += 1
            self.last_notification_id = notification_id
            if self.events in self.digests:
                self._check_digests()

    def finish(self, *, complete: bool = True) -> list[Problem]:
        """The problems found; `complete` when the whole log was fed, so a digest
        beyond its end means events were removed from its end."""
        for size, published in sorted(self.digests.items()):
            if complete and size > self.events:
                for at, digest in published:
                    self._problem(
                        Broken.DIGEST_BEYOND_LOG,
                        digest.last_notification_id,
                        f"the digest {_where(at)} covers {size} events up to this one; the "
                        f"log holds {self.events}: events were removed from its end",
                    )
        return self.problems

    def _check_digests(self) -> None:
        root, head = self.tree.root().hex(), self.head.hex()
        for at, digest in self.digests[self.events]:
            found = []
            if digest.root != root:
                found.append(f"Merkle root {root} != published {digest.root}")
            if digest.chain_head != head:
                found.append(f"chain head {head} != published {digest.chain_head}")
            if digest.last_notification_id != self.last_notification_id:
                found.append(
                    f"last notification id {self.last_notification_id} "
                    f"!= published {digest.last_notification_id}"
                )
            if found:
                message = (
                    f"the first {self.events} events do not match the digest {_where(at)}: "
                    + "; ".join(found)
                )
                self._problem(Broken.DIGEST_MISMATCH, self.last_notification_id, message)

    def _mismatch(self, notification_id: int) -> None:
        message = _WHAT[Broken.HASH_MISMATCH]
        if notification_id != self.last_notification_id + 1:
            message += (
                f" (the log goes from notification id {self.last_notification_id} "
                f"to {notification_id})"
            )
        self._problem(Broken.HASH_MISMATCH, notification_id, message)

    def _fail(self, code: Broken, notification_id: int) -> None:
        self._problem(code, notification_id, _WHAT[code])

    def _problem(self, code: Broken, notification_id: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(code, notification_id, message))


def _where(published_at: int) -> str:
    """Digests published in the log are named by their event; 0 is one kept outside."""
    return f"published at notification id {published_at}" if published_at else "kept outside"
