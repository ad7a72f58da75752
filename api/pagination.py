"""Keyset (cursor) pagination as Relay connections, for every list the API serves.

A cursor is opaque to clients: base64 of `<kind>:<key>`, the sort key of the last item
seen. The next page starts after that key, so a page never shifts when items are added
before it (no offsets), and a cursor of one list is refused by another (`kind`).
Views that read from SQL use the same cursors with `WHERE key > :after LIMIT :first`.
"""

from __future__ import annotations

import base64
import binascii
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TypeVar

from strawberry.relay import Connection, Edge, PageInfo

from domain.errors import InvalidInput

T = TypeVar("T")
N = TypeVar("N")
MAX_PAGE = 100


def cursor(kind: str, key: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode()


def key_after(kind: str, after: str | None) -> int | None:
    if after is None:
        return None
    try:
        found_kind, _, key = base64.urlsafe_b64decode(after.encode()).decode().partition(":")
        if found_kind == kind and key.isdigit():
            return int(key)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise InvalidInput(f"not a cursor of this list of {kind}s", field="after")


def check_first(first: int) -> None:
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(f"first must be between 1 and {MAX_PAGE}", field="first")


def connection(
    items: Sequence[T],
    *,
    kind: str,
    key: Callable[[T], int],
    node: Callable[[T], N],
    first: int,
    after: str | None,
) -> Connection[N]:
    """A page of `items`, which are sorted by `key` (unique and ascending), each shown
    as `node(item)`."""
    check_first(first)
    start = key_after(kind, after)
    keys = [key(item) for item in items]
    begin = 0 if start is None else bisect_right(keys, start)
    page = items[begin : begin + first]
    edges = [Edge(node=node(item), cursor=cursor(kind, key(item))) for item in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=begin + first < len(items),
            has_previous_page=begin > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
