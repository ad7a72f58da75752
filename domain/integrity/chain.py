"""The hash chain over the event log, and the canonical bytes of a stored event.

A stored event's canonical bytes are, concatenated, with every integer big-endian:

    notification_id     8 bytes, signed (PostgreSQL bigint, SQLite rowid)
    originator_id      16 bytes (the UUID's bytes)
    originator_version  8 bytes, signed
    len(topic)          4 bytes, then the topic as UTF-8
    len(state)          4 bytes, then the stored state exactly as stored

and the chain is, in notification id order,

    hash_1 = SHA-256(GENESIS || bytes_1)        GENESIS = 32 zero bytes
    hash_i = SHA-256(hash_{i-1} || bytes_i)

Fixed widths and length prefixes make the encoding injective: no two different events
(or an event and a shifted neighbour) share canonical bytes. The same bytes are the
leaves of the Merkle tree (merkle.py). The PostgreSQL store computes them with
int8send, uuid_send, int4send and sha256; the SQLite store and every verifier with
`event_bytes` below, so a test checks that the two agree.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from uuid import UUID

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
    return hashlib.sha256(previous + canonical).digest()


@dataclass(frozen=True, slots=True)
class LogRecord:
    """A stored event as the log holds it, with the chain hash stored beside it (None
    when the event has no chain row)."""

    notification_id: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes
    hash: bytes | None

    def canonical(self) -> bytes:
        return event_bytes(
            self.notification_id,
            self.originator_id.bytes,
            self.originator_version,
            self.topic,
            self.state,
        )


def chain(records: list[LogRecord], previous: bytes = GENESIS) -> list[bytes]:
    """The hashes the chain gives `records` (in log order) after `previous`."""
    hashes = []
    for record in records:
        previous = link(previous, record.canonical())
        hashes.append(previous)
    return hashes


# A row of the chained log, in notification id order: (notification_id, originator
# id's 16 bytes, version, topic, state, chain hash). The event's fields are None for a
# chain hash whose event is gone; the hash is None for an event without one.
LogRow = tuple[int, bytes | None, int | None, str | None, bytes | None, bytes | None]


def row_bytes(row: LogRow) -> bytes:
    """The canonical bytes of an event's row; a NULL topic or state (the library's
    columns allow them) counts as empty, so it can only mismatch."""
    notification_id, originator, version, topic, state, _ = row
    return event_bytes(notification_id, originator or b"", version or 0, topic or "", state or b"")
