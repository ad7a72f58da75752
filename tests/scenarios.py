"""Scenario helpers for the integration suite: rejected commands, whole years, races.

They build on tests/builders.py and only ever go through the application, so what they
set up is what a real office would have stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

from application.app import AssessmentApplication
from domain.errors import DomainError
from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.settings import Settings
from tests import year_end_scenario
from tests.builders import LEADER, OFFICE, YEAR, full_list


def event_count(app: AssessmentApplication) -> int:
    return app.recorder.max_notification_id() or 0


def topics(app: AssessmentApplication, after: int = 0) -> list[str]:
    """Short names of the events stored after a position, in order."""
    notifications = app.recorder.select_notifications(start=after + 1, limit=100_000)
    return [n.topic.rsplit(".", 1)[-1] for n in notifications]


def assert_rejected(
    app: AssessmentApplication,
    error: type[DomainError],
    field: str | None,
    call: Callable[[], object],
) -> DomainError:
    """The call raises exactly `error` naming `field`, and the log did not grow."""
    before = event_count(app)
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    assert caught.value.code == error.code
    assert caught.value.field == field
    assert event_count(app) == before
    return caught.value


def month_after(month: int) -> datetime:
    """Monday morning after the month ends: the office may close it then."""
    if month == 12:
        return datetime(YEAR + 1, 1, 5, 9, tzinfo=OFFICE_TZ)
    return datetime(YEAR, month + 1, 3, 9, tzinfo=OFFICE_TZ)


def close_months(
    app: AssessmentApplication, clock: ManualClock, first: int = 1, last: int = 12
) -> None:
    for month in range(first, last + 1):
        clock.set(month_after(month))
        app.close_period(year=YEAR, period=f"{YEAR}-{month:02d}", by=OFFICE)


def finalized_year(app: AssessmentApplication, clock: ManualClock, *unit_ids: Any) -> None:
    """Every unit gets its full list, all twelve months close, the year end runs to the
    committee's decision, the leader finalizes."""
    for unit_id in unit_ids:
        full_list(app, unit_id)
    close_months(app, clock)
    year_end_scenario.decide(app, clock, unit_ids)
    app.finalize_year(year=YEAR, by=LEADER)


def second_instance(store_url: str, clock: ManualClock, seed: int) -> AssessmentApplication:
    """Another application on the same store, as a second server process would be."""
    return build_application(Settings(store_url), clock=clock, ids=SeededIds(seed))


RACE_TIMEOUT = 30.0  # seconds a racer waits for the other before the test fails


class GatedSave:
    """Holds each racing thread's first save until every racer has reached its own save.

    All racers have then decided on the same stored state, so exactly one write can win
    and the others must meet the store's version check: the race is forced, not hoped for.
    Racers may be threads of one application (one server process) or of several.
    With `after`, this racer also lets the gate `after` save first, fixing who wins.
    """

    def __init__(
        self,
        app: AssessmentApplication,
        barrier: threading.Barrier,
        *,
        after: GatedSave | None = None,
    ) -> None:
        self._save = app.save_aggregates
        self._barrier = barrier
        self._after = after
        self._thread = threading.local()
        self._lock = threading.Lock()
        self.saved = threading.Event()  # set once a first save attempt has finished
        self.calls = 0
        self.conflicts = 0
        app.save_aggregates = self  # type: ignore[method-assign]

    def __call__(self, *aggregates: Any, **kwargs: Any) -> Any:
        first = not getattr(self._thread, "saving", False)
        self._thread.saving = True
        with self._lock:
            self.calls += 1
        if first:
            self._barrier.wait()
            if self._after is not None:
                assert self._after.saved.wait(RACE_TIMEOUT), "the winner never saved"
        try:
            return self._save(*aggregates, **kwargs)
        except IntegrityError:
            with self._lock:
                self.conflicts += 1
            raise
        finally:
            if first:
                self.saved.set()


class Outcomes:
    """What each racing thread returned or raised, by racer name."""

    def __init__(self) -> None:
        self.results: dict[str, object] = {}
        self.errors: dict[str, BaseException] = {}
        self._lock = threading.Lock()

    def run(self, racers: dict[str, Callable[[], object]], timeout: float = 60) -> None:
        threads = [
            threading.Thread(target=self._attempt, args=(name, call), name=name)
            for name, call in racers.items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout)
            assert not thread.is_alive(), f"{thread.name} did not finish"

    def _attempt(self, name: str, call: Callable[[], object]) -> None:
        try:
            result = call()
        except BaseException as exc:  # every outcome is asserted on by the test
            with self._lock:
                self.errors[name] = exc
            return
        with self._lock:
            self.results[name] = result
