"""What a long-running process builds once, kept out of the garbage collector's passes.

The projection follower starts by folding the whole log into its in-memory state (about
0.8 M objects for a county year). CPython's full collection walks every tracked object,
so each one then took 0.9-1.4 s of a served process holding the GIL, and a request that
met one waited as long (BENCHMARKS.md, API latency, 1 Dec 2026). `settle` collects what
start-up left as garbage and freezes the rest (`gc.freeze`): frozen objects are freed as
usual when their last reference goes, and the collector's passes look only at objects
made since. A restarted follower settles again: what was frozen is thawed first, so the
state it replaced is collected, not kept frozen.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()  # followers of several jurisdictions may start together


def settle() -> int:
    """Thaw, collect, freeze; the number of objects frozen."""
    with _lock:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        return gc.get_freeze_count()
