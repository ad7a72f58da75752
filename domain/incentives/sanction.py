"""A sanction (问责) against a unit, optionally naming a person; revoked only by a later
event when an appeal is upheld, never deleted (DOMAIN.md §3)."""

from __future__ import annotations

from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp
from domain.vocabulary import SanctionKind


class Sanction(Aggregate):
    class Imposed(Aggregate.Created):
        year_id: UUID
        unit_id: UUID
        kind: SanctionKind
        person: str | None
        article: str

        def apply(self, agg: Sanction) -> None:
            agg.year_id, agg.unit_id, agg.kind = self.year_id, self.unit_id, self.kind
            agg.revoked = False

    class Revoked(Aggregate.Event):
        """The unit's appeal was upheld; the reason names the decision."""

        def apply(self, agg: Sanction) -> None:
            agg.revoked = True

    year_id: UUID
    unit_id: UUID
    kind: SanctionKind
    revoked: bool

    @classmethod
    def impose(
        cls,
        *,
        id: UUID,
        year_id: UUID,
        unit_id: UUID,
        kind: SanctionKind,
        person: str | None,
        article: str,
        unit_existed: bool,
        stamp: Stamp,
    ) -> Sanction:
        require_duty(stamp.actor_role, Duty.IMPOSE_SANCTION)
        if not unit_existed:
            raise errors.UnitNotInYear(
                "a unit is not sanctioned in a year it did not exist", field="unit_id"
            )
        if not (stamp.reason and stamp.reason.strip()):
            raise errors.InvalidInput("reason must not be empty", field="reason")
        if not article.strip():
            raise errors.InvalidInput("article must not be empty", field="article")
        if person is not None and not person.strip():
            raise errors.InvalidInput("person, when given, must not be empty", field="person")
        return cls._begin(
            cls.Imposed,
            id=id,
            stamp=stamp,
            year_id=year_id,
            unit_id=unit_id,
            kind=kind,
            person=person,
            article=article.strip(),
        )

    def revoke(self, *, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.REVOKE_SANCTION)
        if not (stamp.reason and stamp.reason.strip()):
            raise errors.InvalidInput(
                "the upheld appeal must be named in the reason", field="reason"
            )
        if self.revoked:
            raise errors.SanctionStateInvalid(
                "the sanction is already revoked", field="sanction_id"
            )
        self._record(self.Revoked, stamp)
