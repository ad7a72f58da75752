"""Bonuses (加分), red flags (流动红旗), deduction notices (日常督考通知单), sanctions (问责)
and their revocation: decisions recorded as facts, never as points."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from api.common import AmendableInput, Changed, CommandInput, YearCommandInput
from api.inputs import uuid_of
from api.mutation import Run, ident, mutation
from api.permissions import Guard
from api.vocabulary import SanctionKind, domain_value
from domain import vocabulary as v
from domain.actors import Duty


@strawberry.input(description="A decision about one enrolled unit in a year.")
class UnitDecisionInput(YearCommandInput, AmendableInput):
    unit_id: strawberry.ID = strawberry.field(description="The unit decided about.")
    reason: str = strawberry.field(description="Why: the fact behind the decision.")


@strawberry.input(description="A bonus granted by the office or a leader.")
class GrantBonusInput(UnitDecisionInput):
    points: Decimal = strawberry.field(description="Points granted; the rulebook caps the sum.")
    basis: str = strawberry.field(description="The document or decision it rests on.")


@strawberry.input(description="A notice that deducts at once (日常督考通知单).")
class IssueDeductionNoticeInput(UnitDecisionInput):
    article: str = strawberry.field(description="The rulebook article applied.")


@strawberry.input(description="A sanction against a unit, optionally naming a person.")
class ImposeSanctionInput(UnitDecisionInput):
    kind: SanctionKind = strawberry.field(description="Which sanction.")
    article: str = strawberry.field(description="The rulebook article applied.")
    person: str | None = strawberry.field(default=None, description="The person named, if any.")


@strawberry.input(description="A revocation of an earlier decision (an appeal upheld).")
class RevocationInput(CommandInput, AmendableInput):
    reason: str = strawberry.field(description="Why it is revoked.")


@strawberry.input(description="A bonus revoked.")
class RevokeBonusInput(RevocationInput):
    bonus_id: strawberry.ID = strawberry.field(description="The bonus.")


@strawberry.input(description="A sanction revoked.")
class RevokeSanctionInput(RevocationInput):
    sanction_id: strawberry.ID = strawberry.field(description="The sanction.")


@strawberry.input(description="A red flag of a month's theme awarded to a unit.")
class AwardRedFlagInput(YearCommandInput):
    period: str = strawberry.field(description="The month, `YYYY-MM`.")
    unit_id: strawberry.ID = strawberry.field(description="The unit awarded.")
    theme: str = strawberry.field(description="The month's theme.")


def _decision(input: UnitDecisionInput) -> dict[str, object]:
    return {
        "year": input.year,
        "unit_id": uuid_of(input.unit_id, "input.unitId"),
        "reason": input.reason,
        "amendment_reason": input.amendment_reason,
    }


def _revocation(input: RevocationInput) -> dict[str, object]:
    return {"reason": input.reason, "amendment_reason": input.amendment_reason}


@strawberry.type
class IncentiveMutations:
    @mutation(Guard(Duty.GRANT_BONUS), "Grant a bonus (加分) with its reason and basis.")
    def grant_bonus(run: Run, input: GrantBonusInput) -> Changed:
        bonus_id = run.app.grant_bonus(
            **_decision(input), points=input.points, basis=input.basis, **run.command(input)
        )
        return Changed(id=ident(bonus_id))

    @mutation(Guard(Duty.GRANT_BONUS), "Revoke a bonus; the grant stays on record.")
    def revoke_bonus(run: Run, input: RevokeBonusInput) -> Changed:
        bonus_id = run.app.revoke_bonus(
            bonus_id=uuid_of(input.bonus_id, "input.bonusId"),
            **_revocation(input),
            **run.command(input),
        )
        return Changed(id=ident(bonus_id))

    @mutation(
        Guard(Duty.AWARD_RED_FLAG),
        "Award a month's red flag (流动红旗) in the slot of the unit's category.",
    )
    def award_red_flag(run: Run, input: AwardRedFlagInput) -> Changed:
        round_id = run.app.award_red_flag(
            year=input.year,
            period=input.period,
            unit_id=uuid_of(input.unit_id, "input.unitId"),
            theme=input.theme,
            **run.command(input),
        )
        return Changed(id=ident(round_id))

    @mutation(Guard(Duty.ISSUE_DEDUCTION_NOTICE), "Issue a deduction notice (日常督考通知单).")
    def issue_deduction_notice(run: Run, input: IssueDeductionNoticeInput) -> Changed:
        notice_id = run.app.issue_deduction_notice(
            **_decision(input), article=input.article, **run.command(input)
        )
        return Changed(id=ident(notice_id))

    @mutation(Guard(Duty.IMPOSE_SANCTION), "Impose a sanction (问责) under a rulebook article.")
    def impose_sanction(run: Run, input: ImposeSanctionInput) -> Changed:
        sanction_id = run.app.impose_sanction(
            **_decision(input),
            kind=domain_value(v.SanctionKind, input.kind),
            article=input.article,
            person=input.person,
            **run.command(input),
        )
        return Changed(id=ident(sanction_id))

    @mutation(Guard(Duty.REVOKE_SANCTION), "Revoke a sanction (appeal upheld); never deleted.")
    def revoke_sanction(run: Run, input: RevokeSanctionInput) -> Changed:
        sanction_id = run.app.revoke_sanction(
            sanction_id=uuid_of(input.sanction_id, "input.sanctionId"),
            **_revocation(input),
            **run.command(input),
        )
        return Changed(id=ident(sanction_id))
