"""The eventsourcing Application every command module extends: clock, ids, loading."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent

from application import context, reads
from application.batching import SaveBatch
from application.ports import Clock, IdGenerator
from domain import errors
from domain.actors import Actor
from domain.events import Aggregate, Stamp
from domain.ids import rulebook_id, year_id
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.model import Rulebook
from domain.year import AssessmentYear

T = TypeVar("T", bound=Aggregate)


class AssessmentBase(Application[UUID]):
    name = "Assessment"
    # The composition root (infrastructure.bootstrap) adds the store, mapper and
    # transcoder settings. Aggregates stay cached in memory and a command reads them
    # without a round trip: the store checks the versions it read when it saves
    # (application/reads.py), so a cached copy is never fast-forwarded on every read.
    env: ClassVar[dict[str, str]] = {
        "AGGREGATE_CACHE_MAXSIZE": "20000",
        "AGGREGATE_CACHE_FASTFORWARD": "n",
    }

    _batch: SaveBatch | None = None

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        ids: IdGenerator,
        jurisdiction: str,
    ) -> None:
        super().__init__(env)
        self.clock = clock
        self.ids = ids
        self.jurisdiction = jurisdiction

    def stamp(self, by: Actor, reason: str | None = None) -> Stamp:
        return Stamp.of(
            by, at=self.clock.now(), correlation_id=context.correlation_id.get()
        ).because(reason)

    def load(self, kind: type[T], aggregate_id: UUID, *, field: str) -> T:
        """A copy to change: commands never mutate the cached instance."""
        return self._get(kind, aggregate_id, field=field, copy=True)

    def read(self, kind: type[T], aggregate_id: UUID, *, field: str) -> T:
        """The cached instance, for reading only."""
        return self._get(kind, aggregate_id, field=field, copy=False)

    def find(self, kind: type[T], aggregate_id: UUID) -> T | None:
        try:
            return self._get(kind, aggregate_id, field="id", copy=True)
        except errors.NotFound:
            return None

    def year(self, year: int, *, copy: bool = False) -> AssessmentYear:
        get = self.load if copy else self.read
        return get(AssessmentYear, year_id(self.jurisdiction, year), field="year")

    def rulebook_of(self, year: AssessmentYear) -> Rulebook:
        record = self.read(RulebookRecord, year.require_rulebook(), field="year")
        return record.rulebook

    def rulebook_record(self, sha256: str) -> RulebookRecord:
        return self.read(RulebookRecord, rulebook_id(sha256), field="rulebook")

    def _get(self, kind: type[T], aggregate_id: UUID, *, field: str, copy: bool) -> T:
        command_reads = reads.current()
        try:
            aggregate: Any = self.repository.get(aggregate_id, deepcopy_from_cache=copy)
            if command_reads is None and self._is_outdated(aggregate):
                # A query outside a command has no save to check it: refresh instead.
                self.forget({aggregate_id})
                aggregate = self.repository.get(aggregate_id, deepcopy_from_cache=copy)
        except AggregateNotFoundError:
            if command_reads is not None:
                command_reads.note(aggregate_id, reads.ABSENT)
            raise errors.NotFound(f"no {kind.__name__} {aggregate_id}", field=field) from None
        if command_reads is not None:
            command_reads.note(aggregate_id, aggregate.version)
        if not isinstance(aggregate, kind):
            raise errors.NotFound(f"{aggregate_id} is not a {kind.__name__}", field=field)
        return aggregate

    def save_aggregates(self, *aggregates: Aggregate, **kwargs: Any) -> None:
        """`Application.save` for this application's own aggregates: it checks every
        object against the library's runtime protocols, which cost a visible share of a
        command; these are known to be aggregates. Records, snapshots and notifies as
        `save` does."""
        batch = self._batch
        if batch is not None and "idempotency" not in kwargs:
            events = [event for a in aggregates for event in a.collect_events()]
            batch.add(events, list(aggregates), kwargs.get("read_set", ()))  # type: ignore[arg-type]
            if self.repository.cache is not None:
                for aggregate in aggregates:
                    self.repository.cache.put(aggregate.id, aggregate)
            if batch.full:
                self.flush_saves()
            return
        if batch is not None:
            self.flush_saves()  # a keyed command is saved alone, after what came before it
        processing: ProcessingEvent[UUID] = ProcessingEvent()
        for aggregate in aggregates:
            processing.events.extend(aggregate.collect_events())
            processing.aggregates[aggregate.id] = aggregate
        processing.saved_kwargs.update(kwargs)
        recordings = self._record(processing)
        self._take_snapshots(processing)
        self._notify(recordings)

    @contextlib.contextmanager
    def batched_saves(self, size: int = 1000) -> Iterator[None]:
        """Hold the saves of the commands run inside and write them `size` commands at a
        time (application/batching.py); on any exception nothing unwritten is kept."""
        if self._batch is not None:
            raise RuntimeError("saves are batched already")
        self._batch = SaveBatch(size)
        try:
            yield
            self.flush_saves()
        except BaseException:
            if self._batch is not None:
                self.forget(set(self._batch.aggregates))
            raise
        finally:
            self._batch = None

    def flush_saves(self) -> None:
        """Write what the current batch holds, in one transaction."""
        batch = self._batch
        if batch is None or not batch.events:
            return
        self._batch = SaveBatch(batch.size)
        processing: ProcessingEvent[UUID] = ProcessingEvent()
        processing.events.extend(batch.events)
        processing.aggregates.update(batch.aggregates)
        processing.saved_kwargs["read_set"] = batch.unchanged_reads()
        try:
            self._notify(self._record(processing))
        except BaseException:
            self.forget(set(batch.aggregates))
            raise

    def _is_outdated(self, aggregate: Aggregate) -> bool:
        newer = self.events.get(originator_id=aggregate.id, gt=aggregate.version, limit=1)
        return any(True for _ in newer)

    def forget(self, aggregate_ids: set[UUID]) -> None:
        """Drop cached copies that another writer has overtaken."""
        cache = self.repository.cache
        if cache is None:
            return
        for aggregate_id in aggregate_ids:
            with contextlib.suppress(KeyError):
                cache.get(aggregate_id, evict=True)

    def guard_change(
        self,
        assessment: AssessmentYear,
        *,
        subject_id: UUID,
        command: str,
        amendment_reason: str | None,
        stamp: Stamp,
    ) -> list[Aggregate]:
        """The year's consent to a change: nothing in an open year, an amendment record
        (saved with the change) in a finalized one.

        `assessment` may be the cache's own year, read and never changed: only a
        finalized year records anything, and it records on a private copy. So a command
        that reads the year to check its rules does not copy its whole roster (1,500
        units in a city) for every progress report it takes."""
        year = (
            self.load(AssessmentYear, assessment.id, field="year")
            if assessment.finalized
            else assessment
        )
        amended = year.authorize_change(
            subject_id=subject_id, command=command, amendment_reason=amendment_reason, stamp=stamp
        )
        return [year] if amended else []

    def year_by_id(self, aggregate_id: UUID) -> AssessmentYear:
        """The year, read (the cache's own: not to be changed)."""
        return self.read(AssessmentYear, aggregate_id, field="year")
