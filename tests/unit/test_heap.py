"""The start-up state frozen out of the collector's passes (infrastructure/heap.py): what
is frozen is not walked by a collection, and settling again thaws and collects what was
dropped since, so a restarted follower's old state does not stay frozen."""

from __future__ import annotations

import gc
import weakref

from infrastructure import heap


class Node:
    me: Node


def test_settling_freezes_and_settling_again_collects_what_was_dropped() -> None:
    gc.unfreeze()
    node = Node()
    node.me = node  # a cycle: only the collector frees it
    alive = weakref.ref(node)
    try:
        assert heap.settle() > 0
        del node
        gc.collect()
        assert alive() is not None  # frozen: the collector's passes skip it
        heap.settle()
        assert alive() is None  # thawed first, then collected
    finally:
        gc.unfreeze()
