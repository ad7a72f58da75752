"""Decoded bonuses, sanctions, deduction notices and red flags, with their revocations,
→ the fold's primitives (see `handlers` for the rest)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.incentives.bonus import Bonus
from domain.incentives.deduction_notice import DeductionNotice
from domain.incentives.red_flag import RedFlagRound
from domain.incentives.sanction import Sanction
from domain.scoring.fold import Folder, Handler
from domain.scoring.fold_state import ref_of, when_of

_NONE = Decimal(0)


def _decided(f: Folder, e: Any, kind: tuple[str, Decimal]) -> None:
    f.decision_made(ref_of(e), e.year_id, e.unit_id, kind, when_of(e))


def _granted(f: Folder, e: Bonus.Granted) -> None:
    _decided(f, e, ("bonus", e.points))


def _imposed(f: Folder, e: Sanction.Imposed) -> None:
    _decided(f, e, (str(e.kind), _NONE))


def _issued(f: Folder, e: DeductionNotice.Issued) -> None:
    _decided(f, e, ("notice", _NONE))


def _revoked(f: Folder, e: Any) -> None:
    f.decision_revoked(e.originator_id, when_of(e))


def _round_opened(f: Folder, e: RedFlagRound.Opened) -> None:
    f.round_opened(e.originator_id, e.year_id, e.month, e.timestamp)


def _flag_awarded(f: Folder, e: RedFlagRound.Awarded) -> None:
    f.flag_awarded(ref_of(e), e.unit_id)


DECISIONS: dict[type, Handler] = {
    Bonus.Granted: _granted,
    Bonus.Revoked: _revoked,
    Sanction.Imposed: _imposed,
    Sanction.Revoked: _revoked,
    DeductionNotice.Issued: _issued,
    RedFlagRound.Opened: _round_opened,
    RedFlagRound.Awarded: _flag_awarded,
}
