"""Handlers of the decisions that add or deduct points: bonuses, sanctions, deduction
notices and red flags, with their revocations (see `handlers` for the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domain.incentives.bonus import Bonus
from domain.incentives.deduction_notice import DeductionNotice
from domain.incentives.red_flag import RedFlagRound
from domain.incentives.sanction import Sanction
from domain.scoring.facts import Decision, Handler, raw_ref
from domain.scoring.timing import effective_month, month_of_text

if TYPE_CHECKING:
    from domain.scoring.facts import _Fold


def _granted(f: _Fold, e: Bonus.Granted) -> None:
    if f.join(e, (e.unit_id, 0)):
        month = effective_month(e, f.facts.year)
        f.facts.decisions[e.originator_id] = Decision(
            e.unit_id, raw_ref(e), month, "bonus", e.points
        )


def _imposed(f: _Fold, e: Sanction.Imposed) -> None:
    if f.join(e, (e.unit_id, 0)):
        month = effective_month(e, f.facts.year)
        f.facts.decisions[e.originator_id] = Decision(e.unit_id, raw_ref(e), month, str(e.kind))


def _issued(f: _Fold, e: DeductionNotice.Issued) -> None:
    if f.join(e, (e.unit_id, 0)):
        month = effective_month(e, f.facts.year)
        f.facts.decisions[e.originator_id] = Decision(e.unit_id, raw_ref(e), month, "notice")


def _revoked(f: _Fold, e: Any) -> None:
    """An upheld appeal or a withdrawn grant: in force until the revocation's month."""
    if f.belongs(e):
        f.touch(e)
        decision = f.facts.decisions[e.originator_id]
        decision.revoked = max(decision.month, effective_month(e, f.facts.year))


def _round_opened(f: _Fold, e: RedFlagRound.Opened) -> None:
    f.join(e, (e.year_id, month_of_text(e.month, f.facts.year)))


def _flag_awarded(f: _Fold, e: RedFlagRound.Awarded) -> None:
    owner = f.member(e)
    if owner is not None:
        f.facts.extra.append(Decision(e.unit_id, raw_ref(e), owner[1], "red_flag"))


DECISIONS: dict[type, Handler] = {
    Bonus.Granted: _granted,
    Bonus.Revoked: _revoked,
    Sanction.Imposed: _imposed,
    Sanction.Revoked: _revoked,
    DeductionNotice.Issued: _issued,
    RedFlagRound.Opened: _round_opened,
    RedFlagRound.Awarded: _flag_awarded,
}
