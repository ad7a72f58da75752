"""The collector pause nests across threads and restores the collector as it was."""

from __future__ import annotations

import gc
import threading

from domain.scoring.collector import collector_paused


def test_the_last_scoring_to_finish_restores_the_collector() -> None:
    assert gc.isenabled()
    first_inside, release = threading.Event(), threading.Event()

    def long_scoring() -> None:
        with collector_paused():
            first_inside.set()
            release.wait(5)

    worker = threading.Thread(target=long_scoring)
    worker.start()
    first_inside.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other scoring is still running
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
