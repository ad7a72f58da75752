"""The month's red flags (流动红旗, seed 000 南江县): one round per month, one flag per slot
(in principle one department and one town), each worth points and a cash reward that the
rulebook states."""

from __future__ import annotations

from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp
from domain.ids import red_flag_round_id
from domain.periods import Period
from domain.rulebook.model import Rulebook


class RedFlagRound(Aggregate):
    class Opened(Aggregate.Created):
        year_id: UUID
        month: str

        def apply(self, agg: RedFlagRound) -> None:
            agg.year_id, agg.month, agg.awarded = self.year_id, self.month, {}

    class Awarded(Aggregate.Event):
        unit_id: UUID
        slot: str
        theme: str

        def apply(self, agg: RedFlagRound) -> None:
            agg.awarded[self.slot] = self.unit_id

    year_id: UUID
    month: str
    awarded: dict[str, UUID]

    @classmethod
    def open(cls, *, year_id: UUID, month: Period, stamp: Stamp) -> RedFlagRound:
        return cls._begin(
            cls.Opened,
            id=red_flag_round_id(year_id, str(month)),
            stamp=stamp,
            year_id=year_id,
            month=str(month),
        )

    def award(
        self, *, unit_id: UUID, category: str, theme: str, rulebook: Rulebook, stamp: Stamp
    ) -> None:
        require_duty(stamp.actor_role, Duty.AWARD_RED_FLAG)
        if not theme.strip() or len(theme) > 120:
            raise errors.InvalidInput("theme: 1-120 characters", field="theme")
        slot = rulebook.red_flag_slot_for(category)
        if slot is None:
            raise errors.InvalidInput(
                f"category '{category}' has no red-flag slot", field="unit_id"
            )
        if slot in self.awarded:
            raise errors.RedFlagLimitReached(
                f"the {slot} red flag of {self.month} is already awarded", field="unit_id"
            )
        self._record(
            self.Awarded, stamp.about(self.month), unit_id=unit_id, slot=slot, theme=theme.strip()
        )
