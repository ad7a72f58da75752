"""Clocks and id generators: the real ones, and deterministic ones for tests and the demo."""

from __future__ import annotations

import base64
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

    def draw(self, count: int) -> list[str]:
        """Public evaluation tokens from the seed, shaped as `secrets.token_urlsafe(32)`:
        a demo year's log is reproducible, and such tokens are guessable — never use
        seeded ids outside demos and tests."""
        with self._lock:
            raw = [self._random.getrandbits(256).to_bytes(32, "big") for _ in range(count)]
        return [base64.urlsafe_b64encode(token).rstrip(b"=").decode("ascii") for token in raw]
