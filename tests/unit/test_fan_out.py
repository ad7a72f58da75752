"""One pass over a stream feeding several consumers: each sees every item, in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from application.fan_out import BATCH, fan_out


def count(items: Iterable[int]) -> int:
    return sum(1 for _ in items)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(), max_size=3 * BATCH + 7))
def test_every_consumer_gets_the_whole_stream_read_once(items: list[int]) -> None:
    reads = 0

    def stream() -> Iterator[int]:
        nonlocal reads
        reads += 1
        yield from items

    assert fan_out(stream(), [list, sum, count]) == [items, sum(items), len(items)]
    assert reads == 1


def test_a_consumer_that_fails_raises_its_error_after_the_others_finish() -> None:
    def failing(items: Iterable[int]) -> int:
        for item in items:
            if item == BATCH + 3:
                raise ValueError("bad item")
        return 0

    with pytest.raises(ValueError, match="bad item"):
        fan_out(range(5 * BATCH), [sum, failing])


def test_a_consumer_that_stops_early_does_not_hold_up_the_others() -> None:
    def first_three(items: Iterable[int]) -> list[int]:
        return list(islice(items, 3))

    assert fan_out(range(10 * BATCH), [first_three, count]) == [[0, 1, 2], 10 * BATCH]


def test_a_failing_stream_stops_every_consumer_and_raises() -> None:
    def broken() -> Iterator[int]:
        yield from range(BATCH * 2)
        raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError, match="connection lost"):
        fan_out(broken(), [sum, count])
