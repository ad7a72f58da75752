"""Keyset (cursor) pagination as Relay connections, for every list the API serves.

A cursor is opaque to clients: base64 of `<kind>:<key>`, the sort key of the last item
seen. The next page starts after that key, so a page never shifts when items are added
before it (no offsets), and a cursor of one list is refused by another (`kind`).
Views that read from SQL use the same cursors with `WHERE key > :after LIMIT :first`.

A list read from the versioned views also names the checkpoint it was read at
(`<kind>:<checkpoint>:<key>`): the next page is read at that checkpoint too, so the
pages of one list are one consistent picture even while scores and ranks move, and a
cursor of another checkpoint is refused where the list cannot be read at it.
"""

from __future__ import annotations

import base64
import binascii
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

import strawberry
from strawberry.relay import Connection, Edge, PageInfo

from domain.errors import InvalidInput

# The arguments of every list: a page's size and the cursor after which it starts.
PageSize = Annotated[int, strawberry.argument(description="Page size (1–100).")]
PageAfter = Annotated[
    str | None, strawberry.argument(description="The `endCursor` of the page before.")
]

T = TypeVar("T")
N = TypeVar("N")
MAX_PAGE = 100


def cursor(kind: str, key: int, checkpoint: int | None = None) -> str:
    text = f"{kind}:{key}" if checkpoint is None else f"{kind}:{checkpoint}:{key}"
    return base64.urlsafe_b64encode(text.encode()).decode()


def cursor_moved(value: str, since: int, upto: int) -> str:
    """A view list's cursor of checkpoint `since` as of checkpoint `upto`, for a page
    whose rows did not change between them; any other cursor as it is."""
    try:
        kind, *parts = base64.urlsafe_b64decode(value.encode()).decode().split(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return value
    if len(parts) != 2 or parts[0] != str(since) or not _is_key(parts[1]):
        return value
    return cursor(kind, int(parts[1]), upto)


def key_after(kind: str, after: str | None) -> int | None:
    if after is None:
        return None
    parts = _parts(kind, after, 1)
    return parts[0]


def view_key_after(kind: str, after: str | None) -> tuple[int, int] | None:
    """(checkpoint, key) of a cursor of a list read from the views."""
    if after is None:
        return None
    checkpoint, key = _parts(kind, after, 2)
    return checkpoint, key


def pinned_key_after(kind: str, after: str | None, checkpoint: int) -> int | None:
    """The key of a cursor that must be of the list read at `checkpoint`."""
    found = view_key_after(kind, after)
    if found is None:
        return None
    if found[0] != checkpoint:
        raise InvalidInput(
            f"this cursor is of the views at checkpoint {found[0]}, not {checkpoint}: "
            f"ask with asOf: {{position: {found[0]}}}",
            field="after",
        )
    return found[1]


def _parts(kind: str, after: str, count: int) -> list[int]:
    try:
        found_kind, *parts = base64.urlsafe_b64decode(after.encode()).decode().split(":")
        if found_kind == kind and len(parts) == count and all(map(_is_key, parts)):
            return [int(part) for part in parts]
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
    checkpoint: int | None = None,
) -> Connection[N]:
    """A page of `items`, which are sorted by `key` (unique and ascending), each shown
    as `node(item)`; `checkpoint`: the views' checkpoint the items were read at."""
    check_first(first)
    start = (
        key_after(kind, after) if checkpoint is None else pinned_key_after(kind, after, checkpoint)
    )
    keys = [key(item) for item in items]
    begin = 0 if start is None else bisect_right(keys, start)
    return edges_of(
        items[begin : begin + first],
        cursor_of=lambda item: cursor(kind, key(item), checkpoint),
        node=node,
        has_next=begin + first < len(items),
        has_previous=begin > 0,
    )


def edges_of(
    page: Sequence[T],
    *,
    cursor_of: Callable[[T], str],
    node: Callable[[T], N],
    has_next: bool,
    has_previous: bool,
) -> Connection[N]:
    """A page already cut (by SQL, or by `connection`) as a Relay connection."""
    edges = [Edge(node=node(item), cursor=cursor_of(item)) for item in page]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


def _is_key(text: str) -> bool:
    """Digits that fit a BIGINT: a forged cursor is refused, never sent to the store."""
    return text.isascii() and text.isdigit() and len(text) <= 18
