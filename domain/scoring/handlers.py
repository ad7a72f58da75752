"""Decoded events → the fold's primitives: one handler per event class the engine reads
(`decision_handlers` has the bonuses, sanctions, notices and red flags; `weighed_handlers`
the supervision cases, evaluation campaigns and special assessments)."""

from __future__ import annotations

from typing import Any

from domain.reports.monthly_return import MonthlyReturn
from domain.scoring.decision_handlers import DECISIONS
from domain.scoring.facts import TargetTerms
from domain.scoring.fold import Folder, Handler
from domain.scoring.fold_state import ref_of, when_of
from domain.scoring.weighed_handlers import WEIGHED
from domain.targets.target_list import TargetList
from domain.unit import Unit
from domain.year import AssessmentYear


def _year_opened(f: Folder, e: AssessmentYear.Opened) -> None:
    f.year_opened(e.originator_id, e.year, e.timestamp)


def _enrolled(f: Folder, e: AssessmentYear.UnitEnrolled) -> None:
    f.unit_enrolled(e.originator_id, e.unit_id, e.category)


def _year_event(f: Folder, e: Any) -> None:
    f.year_event(e.originator_id, e.timestamp)


def _unit_registered(f: Folder, e: Unit.Registered) -> None:
    f.unit_registered(e.originator_id, e.code, e.name, e.since_year)


def _unit_renamed(f: Folder, e: Unit.Renamed) -> None:
    f.unit_renamed(e.originator_id, e.name, e.effective_year)


def _list_opened(f: Folder, e: TargetList.Opened) -> None:
    f.list_opened(e.originator_id, e.year_id, e.unit_id, e.timestamp)


def _proposed(f: Folder, e: TargetList.TargetProposed) -> None:
    f.target_proposed(e.originator_id, e.target_id, e.number, TargetTerms.of(e.spec))


def _approved(f: Folder, e: TargetList.TargetApproved) -> None:
    f.target_approved(ref_of(e), e.target_id, when_of(e))


def _returned(f: Folder, e: TargetList.TargetReturned) -> None:
    f.target_returned(e.originator_id, e.target_id)


def _resubmitted(f: Folder, e: TargetList.TargetResubmitted) -> None:
    f.target_resubmitted(e.originator_id, e.target_id, TargetTerms.of(e.spec))


def _dynamic(f: Folder, e: TargetList.DynamicTargetAssigned) -> None:
    target = (e.target_id, e.number, TargetTerms.of(e.spec))
    f.target_assigned(ref_of(e), target, e.rebalance, when_of(e))


def _revised(f: Folder, e: TargetList.TargetRevised) -> None:
    f.target_revised(e.originator_id, e.target_id, TargetTerms.of(e.spec), e.rebalance)


def _withdrawn(f: Folder, e: TargetList.TargetWithdrawn) -> None:
    f.target_withdrawn(e.originator_id, e.target_id, e.rebalance)


def _scored(f: Folder, e: TargetList.TargetScored) -> None:
    f.target_scored(ref_of(e), e.target_id, (e.score, e.out_of), when_of(e))


def _return_opened(f: Folder, e: MonthlyReturn.Opened) -> None:
    f.return_opened(e.originator_id, e.year_id, e.unit_id, e.month, e.timestamp)


def _reported(f: Folder, e: MonthlyReturn.ProgressReported) -> None:
    progress = (e.progress.value, e.progress.milestones_done)
    f.progress_reported(ref_of(e), e.target_id, progress, e.timestamp)


def _verified(f: Folder, e: MonthlyReturn.ProgressVerified) -> None:
    f.progress_verified(ref_of(e), e.target_id)


def _rejected(f: Folder, e: MonthlyReturn.ProgressRejected) -> None:
    f.progress_rejected(e.originator_id, e.target_id)


def _overdue(kind: str) -> Handler:
    def handle(f: Folder, e: Any) -> None:
        f.report_overdue(ref_of(e), e.target_id, kind, e.timestamp)

    return handle


TABLE: dict[type, Handler] = {
    AssessmentYear.Opened: _year_opened,
    AssessmentYear.UnitEnrolled: _enrolled,
    AssessmentYear.RulebookAdopted: _year_event,
    AssessmentYear.PeriodClosed: _year_event,
    AssessmentYear.Finalized: _year_event,
    AssessmentYear.AmendedAfterFinalization: _year_event,
    Unit.Registered: _unit_registered,
    Unit.Renamed: _unit_renamed,
    TargetList.Opened: _list_opened,
    TargetList.TargetProposed: _proposed,
    TargetList.TargetApproved: _approved,
    TargetList.TargetReturned: _returned,
    TargetList.TargetResubmitted: _resubmitted,
    TargetList.DynamicTargetAssigned: _dynamic,
    TargetList.TargetRevised: _revised,
    TargetList.TargetWithdrawn: _withdrawn,
    TargetList.TargetScored: _scored,
    MonthlyReturn.Opened: _return_opened,
    MonthlyReturn.ProgressReported: _reported,
    MonthlyReturn.ProgressVerified: _verified,
    MonthlyReturn.ProgressRejected: _rejected,
    MonthlyReturn.ReportLate: _overdue("late_report"),
    MonthlyReturn.ReportMissing: _overdue("missing_report"),
    **DECISIONS,
    **WEIGHED,
}
