"""Clocks and id generators: the real ones, and deterministic ones for tests and the demo."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told: the demo walks through a year with it."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the clock needs a timezone-aware start")
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = moment

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._now += delta


class RandomIds:
    def new_id(self) -> UUID:
        return uuid4()


class SeededIds:
    """Reproducible ids for a generated year."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def new_id(self) -> UUID:
        with self._lock:
            return UUID(int=self._random.getrandbits(128), version=4)
