"""A bonus (加分) granted to a unit: the points are the leading group's decision (§2).

The rulebook's cap on cumulative bonus (seed 000: ≤ 5) is applied when scoring, not here:
every grant stays on record, and a revised cap can be replayed over the same facts.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp


class Bonus(Aggregate):
    class Granted(Aggregate.Created):
        year_id: UUID
        unit_id: UUID
        points: Decimal
        basis: str

        def apply(self, agg: Bonus) -> None:
            agg.year_id, agg.unit_id, agg.points = self.year_id, self.unit_id, self.points
            agg.revoked = False

    class Revoked(Aggregate.Event):
        def apply(self, agg: Bonus) -> None:
            agg.revoked = True

    year_id: UUID
    unit_id: UUID
    points: Decimal
    revoked: bool

    @classmethod
    def grant(
        cls, *, id: UUID, year_id: UUID, unit_id: UUID, points: Decimal, basis: str, stamp: Stamp
    ) -> Bonus:
        require_duty(stamp.actor_role, Duty.GRANT_BONUS)
        # is_finite first: comparing a NaN from the API would raise, not refuse.
        in_range = points.is_finite() and Decimal(0) < points <= Decimal(100)
        if not in_range or points != points.quantize(Decimal("0.01")):
            raise errors.InvalidInput("points: above 0, at most 100, two decimals", field="points")
        _require_text(stamp.reason, "reason")
        _require_text(basis, "basis")
        return cls._begin(
            cls.Granted,
            id=id,
            stamp=stamp,
            year_id=year_id,
            unit_id=unit_id,
            points=points,
            basis=basis.strip(),
        )

    def revoke(self, *, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.GRANT_BONUS)
        _require_text(stamp.reason, "reason")
        if self.revoked:
            raise errors.BonusStateInvalid("the bonus is already revoked", field="bonus_id")
        self._record(self.Revoked, stamp)


def _require_text(value: str | None, field: str) -> None:
    if not (value and value.strip()):
        raise errors.InvalidInput(f"{field} must not be empty", field=field)
