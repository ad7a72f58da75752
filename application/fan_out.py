"""One pass over a stream of events feeding several consumers at once.

A replay scores the same year twice (official and replayed). Reading and decoding the year
is as costly as scoring it, and holding a decoded city year costs gigabytes, so the events
are decoded once and handed in batches to one thread per scoring run, through bounded
queues: memory stays a few batches, and each run sees every event in order.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

BATCH = 2_000
QUEUED_BATCHES = 4


class _Consumer(Generic[T, R]):
    def __init__(self, consume: Callable[[Iterable[T]], R]) -> None:
        self.batches: queue.Queue[list[T] | None] = queue.Queue(maxsize=QUEUED_BATCHES)
        self.ended = False  # the end of the batches (None) was taken
        self.result: R | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(consume,), daemon=True)

    def _run(self, consume: Callable[[Iterable[T]], R]) -> None:
        try:
            self.result = consume(self._items())
        except BaseException as exc:  # re-raised by fan_out in the calling thread
            self.error = exc
        finally:
            self._drain()

    def _items(self) -> Iterator[T]:
        while (batch := self.batches.get()) is not None:
            yield from batch
        self.ended = True

    def _drain(self) -> None:
        """Keep taking batches after finishing early, so the producer never blocks."""
        while not self.ended:
            self.ended = self.batches.get() is None

    def offer(self, batch: list[T] | None) -> None:
        self.batches.put(batch)


def fan_out(items: Iterable[T], consumers: Sequence[Callable[[Iterable[T]], R]]) -> list[R]:
    """Each consumer's result over the same items, read from `items` once."""
    running = [_Consumer(consume) for consume in consumers]
    for consumer in running:
        consumer.thread.start()
    source = iter(items)
    try:
        while batch := list(islice(source, BATCH)):
            for consumer in running:
                consumer.offer(batch)
    finally:
        for consumer in running:
            consumer.offer(None)
        for consumer in running:
            consumer.thread.join()
    for consumer in running:
        if consumer.error is not None:
            raise consumer.error
    return [consumer.result for consumer in running]  # type: ignore[misc]
