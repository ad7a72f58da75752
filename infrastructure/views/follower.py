"""Keeping the views up with the log inside the server process.

A background thread runs the projections, woken by PostgreSQL's NOTIFY (or polling
SQLite); if a batch fails (the database restarted, a lock timed out) it logs the error,
waits a moment and starts again from the last commit, which is where the views are. The
server's /readyz reports how far behind the log the views are.

After each batch commits, `after_batch` runs in the same thread: the server drains the
red-warning policy's outbox there (application/red_warning_policy.py). A failure of it is
logged and does not stop the projections: its rows stay waiting for the next batch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from infrastructure import heap
from projections.runner import ProjectionRunner

log = logging.getLogger("dukao.projections")
READY_LAG = 1000  # events: beyond this the views are too far behind to serve


class ProjectionFollower:
    def __init__(
        self,
        make_runner: Callable[[], ProjectionRunner],
        *,
        poll: float = 0.05,
        retry_after: float = 1.0,
        after_batch: Callable[[], object] | None = None,
    ) -> None:
        self._make_runner = make_runner
        self._after_batch = after_batch
        self._poll, self._retry_after = poll, retry_after
        self._stop = threading.Event()
        self._runner: ProjectionRunner | None = None
        self._thread = threading.Thread(target=self._follow, name="projections", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def lag(self) -> int | None:
        """Events written but not yet in the views (None before the first start)."""
        runner = self._runner
        if runner is None:
            return None
        return max(0, runner.log.head() - runner.position)

    def readiness(self) -> str | None:
        lag = self.lag()
        if lag is None or not self._thread.is_alive():
            return "projections not running"
        return None if lag <= READY_LAG else f"views {lag:,} events behind the log"

    def _follow(self) -> None:
        while not self._stop.is_set():
            runner = None
            try:
                runner = self._make_runner()
                if self._after_batch is not None:
                    runner.after_commit = after_each_batch(self._after_batch)
                runner.start()
                heap.settle()  # the state of the whole log, out of the collector's passes
                self._runner = runner
                runner.run(self._stop, poll=self._poll)
            except Exception:  # a failed batch left nothing behind; start again from it
                log.exception("projections stopped; starting again")
                self._stop.wait(self._retry_after)
            finally:
                if runner is not None:
                    runner.log.close()  # type: ignore[attr-defined]


def after_each_batch(work: Callable[[], object]) -> Callable[[object], None]:
    """`work` run after each committed batch; its failure is logged and does not stop the
    projections (the red-warning policy's rows stay waiting for the next batch)."""

    def after(_batch: object) -> None:
        try:
            work()
        except Exception:
            log.exception("after-batch work failed; it runs again after the next batch")

    return after
