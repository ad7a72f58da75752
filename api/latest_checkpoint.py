"""The views' latest checkpoint, read for requests as they come (api/kept_answers.py).

One statement (`SELECT max(position) FROM projection_checkpoints`) in a worker thread.
A read already under way when a request arrives may have begun before a batch the
projections committed just before the request, so the request does not take its
answer: it waits for the next read, which begins after it arrived, and which every
request that arrived meanwhile shares. Each request is thus answered by a statement
whose snapshot was taken after it came, whichever process projects (an in-process
notion, the follower's or a LISTEN's, would be stale when another process projects),
and N concurrent requests cost about two statements, not N.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from anyio import to_thread

from application.views import Checkpoint


class LatestCheckpoint:
    """The views' latest checkpoint by a read that began after the asker arrived; the
    askers waiting meanwhile share one read."""

    def __init__(self, read: Callable[[], Checkpoint]) -> None:
        self._read = read
        self._current: asyncio.Future[Checkpoint] | None = None
        self._next: asyncio.Future[Checkpoint] | None = None

    async def latest(self) -> Checkpoint:
        if self._next is None:  # none waits to begin: one begins after this one ends
            self._next = asyncio.ensure_future(self._read_after(self._current))
        return await asyncio.shield(self._next)

    async def _read_after(self, previous: asyncio.Future[Checkpoint] | None) -> Checkpoint:
        if previous is not None and not previous.done():
            await asyncio.wait([previous])
        # From here on a new asker waits for the next read: this one may have begun.
        self._current, self._next = self._next, None
        return await to_thread.run_sync(self._read)
