"""Parameters in PostgreSQL's binary wire format, built without the driver's adaptation.

psycopg adapts a Python list by scanning it for its element type and upgrading its
dumper on every call; for the store function's nine parameters that was most of the
client CPU a command spent in the driver. The store call knows its parameter types, so
it encodes them directly: a one-dimensional array is ndim, has-nulls flag, element oid,
length, lower bound, then each element prefixed by its byte length.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from uuid import UUID

from psycopg import postgres

_HEADER = struct.Struct("!iiiii")
_LENGTH = struct.Struct("!i")
_BIGINT = struct.Struct("!iq")  # an element's length (8), then the value
_OID = {name: postgres.types[name].oid for name in ("uuid", "int8", "text", "bytea")}


def _array(element: str, count: int, encoded: Iterable[bytes]) -> bytes:
    return b"".join((_HEADER.pack(1, 0, _OID[element], count, 1), *encoded))


def _prefixed(values: Iterable[bytes]) -> Iterable[bytes]:
    for value in values:
        yield _LENGTH.pack(len(value))
        yield value


def uuid_array(values: list[UUID]) -> bytes:
    return _array("uuid", len(values), _prefixed(v.bytes for v in values))


def bigint_array(values: list[int]) -> bytes:
    return _array("int8", len(values), (_BIGINT.pack(8, v) for v in values))


def text_array(values: list[str]) -> bytes:
    return _array("text", len(values), _prefixed(v.encode() for v in values))


def bytea_array(values: list[bytes]) -> bytes:
    return _array("bytea", len(values), _prefixed(bytes(v) for v in values))


def text(value: str | None) -> bytes | None:
    return None if value is None else value.encode()


def bigint(value: bytes) -> int:
    return int.from_bytes(value, "big", signed=True)
