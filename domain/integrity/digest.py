"""A digest of the log at a size, what a signature over it covers, and the aggregate
that publishes it in the log itself.

The signed bytes are, concatenated (integers big-endian):

    b"dukao-log-digest-v1\\x00"
    tree_size             8 bytes   (the first tree_size events of the log)
    last_notification_id  8 bytes   (the notification id of the last of them)
    root                 32 bytes   (MTH of their canonical bytes, merkle.py)
    chain_head           32 bytes   (the chain hash of the last of them, chain.py)

The signature is Ed25519 (RFC 8032) over those bytes; a key is named by its id, the
first 16 hex digits of SHA-256 of its 32 raw public-key bytes.
"""

from __future__ import annotations

import hashlib
import re
import struct
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp, Value
from domain.ids import derived_id

SIGNED_PREFIX = b"dukao-log-digest-v1\x00"
_SIZES = struct.Struct(">qq")
_HEX = {32: re.compile(r"[0-9a-f]{64}"), 64: re.compile(r"[0-9a-f]{128}")}
_KEY_ID = re.compile(r"[0-9a-f]{16}")


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


class LogDigest(Value):
    """The log's Merkle root and chain head after its first `tree_size` events."""

    tree_size: int
    last_notification_id: int
    root: str  # hex
    chain_head: str  # hex

    def signed_bytes(self) -> bytes:
        sizes = _SIZES.pack(self.tree_size, self.last_notification_id)
        return SIGNED_PREFIX + sizes + bytes.fromhex(self.root) + bytes.fromhex(self.chain_head)

    def check(self) -> None:
        if self.tree_size < 1:
            raise errors.InvalidInput("a digest covers at least one event", field="size")
        if self.last_notification_id < self.tree_size:
            raise errors.InvalidInput(
                "the last notification id is at least the tree size",
                field="last_notification_id",
            )
        _require_hex(self.root, 32, "root")
        _require_hex(self.chain_head, 32, "chain_head")


class DigestSignature(Value):
    key_id: str
    public_key: str  # hex, 32 raw bytes
    signature: str  # hex, 64 bytes

    def check(self) -> None:
        _require_hex(self.public_key, 32, "signature.public_key")
        _require_hex(self.signature, 64, "signature.signature")
        if self.key_id != key_id(bytes.fromhex(self.public_key)):
            raise errors.InvalidInput(
                "the key id is not the public key's", field="signature.key_id"
            )


def _require_hex(value: str, length: int, field: str) -> None:
    if not _HEX[length].fullmatch(value):
        raise errors.InvalidInput(f"{length} bytes as lowercase hex expected", field=field)


def digest_id(tree_size: int) -> UUID:
    """One digest per size: publishing the same size twice is a version conflict."""
    return derived_id("log-digest", tree_size)


class LogDigestRecord(Aggregate):
    """A digest of the log published in the log (LogDigestPublished)."""

    class Published(Aggregate.Created):
        digest: LogDigest
        signature: DigestSignature | None

        def apply(self, agg: LogDigestRecord) -> None:
            agg.digest, agg.signature = self.digest, self.signature

    digest: LogDigest
    signature: DigestSignature | None

    @classmethod
    def publish(
        cls, *, digest: LogDigest, signature: DigestSignature | None, stamp: Stamp
    ) -> LogDigestRecord:
        require_duty(stamp.actor_role, Duty.PUBLISH_LOG_DIGEST)
        digest.check()
        if signature is not None:
            signature.check()
        return cls._begin(
            cls.Published,
            id=digest_id(digest.tree_size),
            stamp=stamp,
            digest=digest,
            signature=signature,
        )
