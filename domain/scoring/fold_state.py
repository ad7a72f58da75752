"""What every part of the fold shares: the facts being filled, the year's aggregates,
and the bookkeeping of membership and time (see `fold.Folder`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.events import DomainEvent
from domain.scoring.facts import Key, RawRef, YearFacts

When = tuple[datetime, str | None]  # recorded at, and the period the event is about if any


def ref_of(event: DomainEvent) -> RawRef:
    """A decoded event's reference: (originator id, version)."""
    return (event.originator_id, event.originator_version)


def when_of(event: DomainEvent) -> When:
    return (event.timestamp, event.meta.effective_period)


class FoldState:
    facts: YearFacts
    # the year's aggregates (and every unit) → the unit (or year) and month they are of
    members: dict[Key, tuple[Key, int]]

    def _touch(self, at: datetime) -> None:
        facts = self.facts
        facts.revision += 1
        if facts.latest is None or at > facts.latest:
            facts.latest = at

    def _join(self, aggregate_id: Key, year_id: Key, owner: Key, month: int, at: datetime) -> bool:
        """A created event of one of this year's aggregates makes its id a member."""
        if self.facts.year_id is None or year_id != self.facts.year_id:
            return False
        self.members[aggregate_id] = (owner, month)
        self._touch(at)
        return True

    def _reweigh(self, rebalance: Mapping[Any, Decimal]) -> None:
        for target_id, weight in rebalance.items():
            self.facts.targets[target_id].weight = weight
