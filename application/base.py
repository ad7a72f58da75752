"""The eventsourcing Application every command module extends: clock, ids, loading."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from application import context
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
    # transcoder settings; aggregates read by every command stay cached in memory.
    env: ClassVar[dict[str, str]] = {"AGGREGATE_CACHE_MAXSIZE": "20000"}

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
        try:
            aggregate: Any = self.repository.get(aggregate_id, deepcopy_from_cache=copy)
        except AggregateNotFoundError:
            raise errors.NotFound(f"no {kind.__name__} {aggregate_id}", field=field) from None
        if not isinstance(aggregate, kind):
            raise errors.NotFound(f"{aggregate_id} is not a {kind.__name__}", field=field)
        return aggregate

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
        (saved with the change) in a finalized one."""
        amended = assessment.authorize_change(
            subject_id=subject_id, command=command, amendment_reason=amendment_reason, stamp=stamp
        )
        return [assessment] if amended else []

    def load_year_by_id(self, aggregate_id: UUID) -> AssessmentYear:
        return self.load(AssessmentYear, aggregate_id, field="year")
