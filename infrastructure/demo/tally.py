"""Counts the events a generation wrote, by type, reading them back from the store."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from eventsourcing.persistence import ApplicationRecorder

PAGE = 5000


class EventTally:
    """Follows the application sequence from where it stood when the generation began."""

    def __init__(
        self, recorder: ApplicationRecorder, *, before_reading: Callable[[], None] = lambda: None
    ) -> None:
        self._recorder = recorder
        self._before_reading = before_reading  # e.g. write a batch of saves first
        self._position = recorder.max_notification_id() or 0
        self._by_topic: Counter[str] = Counter()

    def catch_up(self) -> None:
        self._before_reading()
        while True:
            page = self._recorder.select_notifications(start=self._position + 1, limit=PAGE)
            self._by_topic.update(n.topic for n in page)
            if page:
                self._position = page[-1].id
            if len(page) < PAGE:
                return

    def by_type(self) -> dict[str, int]:
        """Short event names ("TargetApproved"); a name several aggregates share keeps
        its aggregate ("MonthlyReturn.Opened", "TargetList.Opened")."""
        qualified = Counter[str]()
        for topic, count in self._by_topic.items():
            qualified[topic.rsplit(":", 1)[-1]] += count
        short = Counter(name.rsplit(".", 1)[-1] for name in qualified)
        return {
            (name.rsplit(".", 1)[-1] if short[name.rsplit(".", 1)[-1]] == 1 else name): count
            for name, count in sorted(qualified.items())
        }
