"""Commands on bonuses, red flags, deduction notices and sanctions."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain.actors import Actor
from domain.ids import red_flag_round_id
from domain.incentives.bonus import Bonus
from domain.incentives.deduction_notice import DeductionNotice
from domain.incentives.red_flag import RedFlagRound
from domain.incentives.sanction import Sanction
from domain.periods import Period
from domain.unit import Unit
from domain.vocabulary import SanctionKind


class IncentiveCommands(AssessmentBase):
    @command
    def grant_bonus(
        self,
        *,
        year: int,
        unit_id: UUID,
        points: Decimal,
        reason: str,
        basis: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        assessment.require_enrolled(unit_id)
        stamp = self.stamp(by, reason)
        bonus = Bonus.grant(
            id=self.ids.new_id(),
            year_id=assessment.id,
            unit_id=unit_id,
            points=points,
            basis=basis,
            stamp=stamp,
        )
        guard = self.guard_change(
            assessment,
            subject_id=bonus.id,
            command="grant_bonus",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        return Outcome(bonus.id, bonus, *guard)

    @command
    def revoke_bonus(
        self,
        *,
        bonus_id: UUID,
        reason: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        bonus = self.load(Bonus, bonus_id, field="bonus_id")
        assessment = self.year_by_id(bonus.year_id)
        stamp = self.stamp(by, reason)
        guard = self.guard_change(
            assessment,
            subject_id=bonus.id,
            command="revoke_bonus",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        bonus.revoke(stamp=stamp)
        return Outcome(bonus.id, bonus, *guard)

    @command
    def award_red_flag(
        self,
        *,
        year: int,
        period: str,
        unit_id: UUID,
        theme: str,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        month = Period.parse(period)
        category = assessment.require_enrolled(unit_id)
        stamp = self.stamp(by)
        self.guard_change(
            assessment,
            subject_id=unit_id,
            command="award_red_flag",
            amendment_reason=None,
            stamp=stamp,
        )
        rounds = self.find(RedFlagRound, red_flag_round_id(assessment.id, str(month)))
        if rounds is None:
            rounds = RedFlagRound.open(year_id=assessment.id, month=month, stamp=stamp)
        rounds.award(
            unit_id=unit_id,
            category=category,
            theme=theme,
            rulebook=self.rulebook_of(assessment),
            stamp=stamp,
        )
        return Outcome(rounds.id, rounds)

    @command
    def issue_deduction_notice(
        self,
        *,
        year: int,
        unit_id: UUID,
        reason: str,
        article: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        assessment.require_enrolled(unit_id)
        stamp = self.stamp(by, reason)
        notice = DeductionNotice.issue(
            id=self.ids.new_id(),
            year_id=assessment.id,
            unit_id=unit_id,
            article=article,
            stamp=stamp,
        )
        guard = self.guard_change(
            assessment,
            subject_id=notice.id,
            command="issue_deduction_notice",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        return Outcome(notice.id, notice, *guard)

    @command
    def impose_sanction(
        self,
        *,
        year: int,
        unit_id: UUID,
        kind: SanctionKind,
        reason: str,
        article: str,
        person: str | None = None,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        unit = self.read(Unit, unit_id, field="unit_id")
        stamp = self.stamp(by, reason)
        sanction = Sanction.impose(
            id=self.ids.new_id(),
            year_id=assessment.id,
            unit_id=unit_id,
            kind=kind,
            person=person,
            article=article,
            unit_existed=unit.existed_in(year),
            stamp=stamp,
        )
        guard = self.guard_change(
            assessment,
            subject_id=sanction.id,
            command="impose_sanction",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        return Outcome(sanction.id, sanction, *guard)

    @command
    def revoke_sanction(
        self,
        *,
        sanction_id: UUID,
        reason: str,
        amendment_reason: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        sanction = self.load(Sanction, sanction_id, field="sanction_id")
        assessment = self.year_by_id(sanction.year_id)
        stamp = self.stamp(by, reason)
        guard = self.guard_change(
            assessment,
            subject_id=sanction.id,
            command="revoke_sanction",
            amendment_reason=amendment_reason,
            stamp=stamp,
        )
        sanction.revoke(stamp=stamp)
        return Outcome(sanction.id, sanction, *guard)
