"""Recomputing the chain and the Merkle tree from the log's rows, and naming what is
broken: the first record whose stored hash does not follow, events without a chain
hash, chain hashes without their event, and published digests the log no longer
matches. Each link is checked against the *stored* hash before it, so one changed
record breaks one link and the report points at it rather than at everything after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from hashlib import sha256
from itertools import islice

from domain.integrity.chain import GENESIS, LogRow, link
from domain.integrity.digest import LogDigest
from domain.integrity.merkle import MerkleAccumulator

MAX_PROBLEMS = 100
CHUNK = 1024  # leaves hashed into the tree at once
_LEAF_PREFIX = sha256(b"\x00")  # merkle.leaf_hash's prefix, copied rather than concatenated
END = 2**63 - 1

# The chain hashes a store holds strictly between two notification ids without an
# event: what a deleted event leaves behind. Asked only where a link breaks across a
# gap, and once after the last event, so an intact log costs no look-up.
HashesWithoutEvents = Callable[[int, int], Sequence[tuple[int, bytes]]]


class Broken(StrEnum):
    HASH_MISMATCH = "HASH_MISMATCH"
    EVENT_UNCHAINED = "EVENT_UNCHAINED"
    EVENT_MISSING = "EVENT_MISSING"
    DIGEST_MISMATCH = "DIGEST_MISMATCH"
    DIGEST_BEYOND_LOG = "DIGEST_BEYOND_LOG"
    SIGNATURE_INVALID = "SIGNATURE_INVALID"


_WHAT = {
    Broken.HASH_MISMATCH: "the stored hash is not SHA-256(previous hash || this event's "
    "leaf hash): this event's content or hash was changed, or records before it were removed, "
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

    orphans: HashesWithoutEvents = field(default=lambda *_: ())  # a log held in memory
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
        """Check rows in log order, stopping after `limit` events when given.

        This loop runs once per event of the log, so it keeps its state in locals,
        inlines merkle.leaf_hash and chain.link, compares one counter per row, and adds
        leaves to the tree a chunk at a time; anything unusual (a problem, a digest's
        size) goes through methods."""
        if limit is not None:
            rows = islice(rows, max(0, limit - self.events))
        head, events, previous = self.head, self.events, self.last_notification_id
        leaves: list[bytes] = []
        stop = self._next_stop(events)
        for notification_id, canonical, stored in rows:
            hasher = _LEAF_PREFIX.copy()
            hasher.update(canonical)
            leaf = hasher.digest()
            if stored is None or sha256(head + leaf).digest() != stored:
                self.head, self.last_notification_id = head, previous
                self._unlinked(notification_id, canonical, stored)
            # The next link is checked from what is stored, so a single change is
            # named once; an unchained event keeps the head where it was.
            if stored is not None:
                head = stored
            leaves.append(leaf)
            events, previous = events + 1, notification_id
            if events == stop:
                self.tree.extend(leaves)
                leaves = []
                self.head, self.events, self.last_notification_id = head, events, previous
                if events in self.digests:
                    self._check_digests()
                stop = self._next_stop(events)
        self.tree.extend(leaves)
        self.head, self.events, self.last_notification_id = head, events, previous

    def _next_stop(self, events: int) -> int:
        """The next event count where the loop stops: a chunk's end or a digest's size."""
        later = [size for size in self.digests if size > events]
        return min([events + CHUNK - events % CHUNK, *later])

    def _unlinked(self, notification_id: int, canonical: bytes, stored: bytes | None) -> None:
        if stored is None:
            self._fail(Broken.EVENT_UNCHAINED, notification_id)
        else:
            self._broken_link(notification_id, canonical, stored)

    def finish(self, *, complete: bool = True) -> list[Problem]:
        """The problems found; `complete` when the whole log was fed, so a digest
        beyond its end means events were removed from its end, and chain hashes after
        the last event mean the same."""
        if complete:
            for orphan, _ in self.orphans(self.last_notification_id, END):
                self._fail(Broken.EVENT_MISSING, orphan)
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

    def _broken_link(self, notification_id: int, canonical: bytes, stored: bytes) -> None:
        """A link that does not hold: across a gap, first look for the chain hashes of
        events deleted there; if the link holds from the last of them, only those
        events are missing."""
        if notification_id > self.last_notification_id + 1:
            for orphan, orphan_hash in self.orphans(self.last_notification_id, notification_id):
                self._fail(Broken.EVENT_MISSING, orphan)
                self.head = orphan_hash
            if link(self.head, canonical) == stored:
                return
        self._mismatch(notification_id)

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
