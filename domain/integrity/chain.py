"""The hash chain over the event log, and the canonical bytes of a stored event.

A stored event's canonical bytes are, concatenated, with every integer big-endian:

    notification_id     8 bytes, signed (PostgreSQL bigint, SQLite rowid)
    originator_id      16 bytes (the UUID's bytes)
    originator_version  8 bytes, signed
    len(topic)          4 bytes, then the topic as UTF-8
    len(state)          4 bytes, then the stored state exactly as stored

and the chain is, in notification id order, with leaf_i the event's Merkle leaf hash
(merkle.py: SHA-256(0x00 || bytes_i)),

    hash_1 = SHA-256(GENESIS || leaf_1)        GENESIS = 32 zero bytes
    hash_i = SHA-256(hash_{i-1} || leaf_i)

Fixed widths and length prefixes make the encoding injective: no two different events
(or an event and a shifted neighbour) share canonical bytes. Linking the leaf hash
rather than the bytes again means each event's bytes are hashed once for both the
chain and the tree: verifying a log is bound by hashing, and this halves it.

The PostgreSQL store computes them with int8send, uuid_send, int4send and sha256; the
SQLite store and every verifier with `event_bytes` below, so tests check they agree.
"""

from __future__ import annotations

import hashlib
import struct

from domain.integrity.merkle import leaf_hash

GENESIS = bytes(32)
_HEAD = struct.Struct(">q16sqI")
_LENGTH = struct.Struct(">I")


def event_bytes(
    notification_id: int, originator: bytes, originator_version: int, topic: str, state: bytes
) -> bytes:
    """The canonical bytes of one stored event; `originator` is the UUID's 16 bytes."""
    name = topic.encode()
    head = _HEAD.pack(notification_id, originator, originator_version, len(name))
    return b"".join((head, name, _LENGTH.pack(len(state)), state))


def link(previous: bytes, canonical: bytes) -> bytes:
    """The chain hash of an event from the hash before it and its canonical bytes."""
    return hashlib.sha256(previous + leaf_hash(canonical)).digest()


# An event of the chained log, in notification id order: (notification_id, its
# canonical bytes, its chain hash, None when it has none).
LogRow = tuple[int, bytes, bytes | None]


def event_fields(canonical: bytes) -> tuple[int, bytes, int, str, bytes]:
    """The fields back from canonical bytes: notification id, originator id's 16 bytes,
    version, topic, state."""
    notification_id, originator, version, length = _HEAD.unpack_from(canonical)
    start = _HEAD.size
    topic = canonical[start : start + length].decode()
    start += length + _LENGTH.size
    return notification_id, originator, version, topic, canonical[start:]
