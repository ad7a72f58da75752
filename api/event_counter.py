"""Counts of logged events per type, kept up to date by reading only what is new.

The log is append-only, so a count at notification id N plus the events after N is the
count now: the first request scans the log once, later ones read the tail.
"""

from __future__ import annotations

import threading
from collections import Counter

from eventsourcing.persistence import ApplicationRecorder

PAGE = 5000


def event_type(topic: str) -> str:
    """`domain.year:AssessmentYear.Opened` → `AssessmentYear.Opened`: the event's
    class within its aggregate, unique and readable without the module path."""
    return topic.rsplit(":", 1)[-1]


class EventCounter:
    def __init__(self, recorder: ApplicationRecorder) -> None:
        self._recorder = recorder
        self._counts: Counter[str] = Counter()
        self._position = 0
        self._lock = threading.Lock()

    def counts(self) -> dict[str, int]:
        with self._lock:
            self._catch_up()
            return dict(self._counts)

    def _catch_up(self) -> None:
        last = self._recorder.max_notification_id() or 0
        while self._position < last:
            page = self._recorder.select_notifications(
                start=self._position, limit=PAGE, stop=last, inclusive_of_start=False
            )
            if not page:
                break
            self._counts.update(event_type(n.topic) for n in page)
            self._position = page[-1].id
