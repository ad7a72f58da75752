"""A target (目标/指标) as an entity inside its unit's target list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain import errors
from domain.targets.spec import Qualitative, TargetSpec
from domain.vocabulary import REVIEW_ORDER, ReviewLevel


class TargetStatus(StrEnum):
    PROPOSED = "proposed"  # waiting at `next_level` of the four-level review
    RETURNED = "returned"  # returned with a reason; the proposer may resubmit
    APPROVED = "approved"  # passed the leading group, or assigned as a dynamic target
    WITHDRAWN = "withdrawn"


@dataclass
class Target:
    id: UUID
    number: int
    spec: TargetSpec
    status: TargetStatus
    next_level: int
    dynamic: bool
    approved_at: datetime | None = None
    score: Decimal | None = None
    score_out_of: Decimal | None = None

    @property
    def awaiting(self) -> ReviewLevel | None:
        if self.status is not TargetStatus.PROPOSED:
            return None
        return REVIEW_ORDER[self.next_level]

    @property
    def is_approved(self) -> bool:
        return self.status is TargetStatus.APPROVED

    def require_approved(self) -> None:
        if not self.is_approved:
            raise errors.TargetNotApproved(
                f"target {self.number} is {self.status}, not approved", field="target_id"
            )

    def milestone_keys(self) -> frozenset[str]:
        measure = self.spec.measure
        if isinstance(measure, Qualitative):
            return frozenset(m.key for m in measure.milestones)
        return frozenset()
