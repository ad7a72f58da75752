"""Pausing the cyclic garbage collector while years are scored.

The fold allocates a small record per fact while the caller holds a million decoded
events; the collector would rescan them all again and again (it halves throughput).
Nothing the engine builds makes cycles. Replay scores two years at once on two threads,
so the pause is counted: the first scoring to start pauses the collector, the last to
finish restores it as it was.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"active": 0, "was_enabled": False}


@contextmanager
def collector_paused() -> Iterator[None]:
    with _lock:
        if _state["active"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["active"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["active"] -= 1
            if _state["active"] == 0 and _state["was_enabled"]:
                gc.enable()
