"""The red-warning policy (红牌督办): a target at the red warning level gets a supervision
case, exactly once (issue 7 point 2).

The projection writes a "case to open" row in its batch's transaction
(projections/case_openings.py, once per year and target); this drainer issues the
application's `open_case` for each waiting row under the case id the row derived, then
marks the row done. A crash between the two leaves the row waiting: the next run opens
the case under the same id, which finds it opened already and stores nothing (the
derived-id path of `open_case`), and marks the row. So a rebuild, a restart or a crash
opens no second case.

The case is opened by a service user of the supervision office, `policy-red-warning`
(`POLICY_ACTOR`): its events say the policy acted, not a person. It names the target
and its unit as lead unit, the month the target went red, attention level 一般关注
(`general`) and a deadline 30 days after the opening (a month to rectify: 一月一通报,
seed 004). Why `general`: seed 004 hands the problems an assessment finds to supervision
with a push every ten days (10天一推进), which is the general level's interval, and the
four levels form a pyramid whose base is the general one (seed 003); the policy opens
cases with no one weighing them, so it opens them at the base, and the office raises a
case's level with a reason (`adjust_attention_level`) once it has looked at it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol
from uuid import UUID

from application.supervision import SupervisionCommands
from domain.actors import Actor
from domain.errors import DomainError
from domain.periods import OFFICE_TZ
from domain.supervision.matter import CaseMatter
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel, Role
from projections.case_openings import OPENED, REFUSED, CaseToOpen, mark_done, mark_failed, waiting
from projections.sql import ViewTransaction

POLICY_ACTOR = Actor(user_id="policy-red-warning", role=Role.SUPERVISION_OFFICE)
POLICY_LEVEL = AttentionLevel.GENERAL
DEADLINE_AFTER = timedelta(days=30)
RETRYABLE = frozenset({"CONFLICT"})  # another writer got there first: try again later


class OutboxStore(Protocol):
    def transaction(self) -> AbstractContextManager[ViewTransaction]: ...


@dataclass(frozen=True)
class PolicyReport:
    opened: int
    refused: int  # the command said no for good (e.g. YEAR_FINALIZED): kept as refused
    failed: int  # may pass: the row stays waiting


def matter_of(row: CaseToOpen) -> CaseMatter:
    lag = f"{float(row.lag):.0%}"
    return CaseMatter(
        title=f"红牌督办：{row.unit_name}「{row.target_title}」"[:200],
        requirement=(
            f"{row.unit_name}「{row.target_title}」{row.month}进度落后序时进度{lag}，亮红牌。"
            "请牵头单位作出整改承诺，每十天报送一次进展，限期整改到位。"
        ),
        source=CaseSource.ASSESSMENT_FINDING,
        source_ref=f"红牌预警 {row.month}",
    )


class RedWarningPolicy:
    def __init__(self, app: SupervisionCommands, store: OutboxStore) -> None:
        self.app, self.store = app, store

    def drain(self, *, limit: int = 100) -> PolicyReport:
        """Open the case of every waiting row (up to `limit`), each marked in its own
        transaction right after its case was opened."""
        with self.store.transaction() as tx:
            rows = waiting(tx, limit=limit)
        opened = refused = failed = 0
        for row in rows:
            try:
                self._open(row)
            except DomainError as exc:
                if exc.code in RETRYABLE:
                    failed += 1
                    self._mark(row, None, f"{exc}")
                else:
                    refused += 1
                    self._mark(row, REFUSED, f"{exc}")
                continue
            opened += 1
            self._mark(row, OPENED, None)
        return PolicyReport(opened, refused, failed)

    def _open(self, row: CaseToOpen) -> UUID:
        today = self.app.clock.now().astimezone(OFFICE_TZ).date()
        return self.app.open_case(
            year=row.year,
            matter=matter_of(row),
            attention_level=POLICY_LEVEL,
            lead_unit=row.unit_id,
            deadline=today + DEADLINE_AFTER,
            target_id=row.target_id,
            case_id=row.case_id,
            by=POLICY_ACTOR,
        )

    def _mark(self, row: CaseToOpen, status: str | None, error: str | None) -> None:
        at = self.app.clock.now().isoformat()
        with self.store.transaction() as tx:
            if status is None:
                mark_failed(tx, row.id, error or "")
            else:
                mark_done(tx, row.id, status=status, at=at, error=error)
