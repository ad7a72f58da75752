"""One handler per event class the engine reads: each updates `YearFacts` in O(1).

Aggregates of other years are skipped: a created event names its year, and later
events of the same aggregate are recognised by their originator id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from domain.reports.monthly_return import MonthlyReturn
from domain.scoring.decision_handlers import DECISIONS
from domain.scoring.facts import Decision, Handler, ReportFact, TargetFact, UnitFact, raw_ref
from domain.scoring.timing import effective_month, month_of_text
from domain.targets.target_list import TargetList
from domain.unit import Unit
from domain.year import AssessmentYear

if TYPE_CHECKING:
    from domain.scoring.facts import _Fold


def _year_opened(f: _Fold, e: AssessmentYear.Opened) -> None:
    if f.facts.year_id is None and f.facts.wanted in (None, e.year):
        f.facts.year_id, f.facts.year = e.originator_id, e.year
        f.members[e.originator_id] = (e.originator_id, 0)
        f.touch(e)


def _enrolled(f: _Fold, e: AssessmentYear.UnitEnrolled) -> None:
    if f.belongs(e):
        f.facts.roster[e.unit_id] = e.category  # the latest enrolment's category wins


def _year_event(f: _Fold, e: Any) -> None:
    if f.belongs(e):
        f.touch(e)


def _unit_registered(f: _Fold, e: Unit.Registered) -> None:
    f.facts.units[e.originator_id] = UnitFact(e.code, [(e.since_year, e.name)])


def _unit_renamed(f: _Fold, e: Unit.Renamed) -> None:
    unit = f.facts.units.get(e.originator_id)
    if unit is not None:
        unit.names.append((e.effective_year, e.name))


def _list_opened(f: _Fold, e: TargetList.Opened) -> None:
    f.join(e, (e.unit_id, 0))


def _proposed(f: _Fold, e: TargetList.TargetProposed) -> None:
    if f.belongs(e):
        unit_id = _list_unit(f, e)
        f.facts.targets[e.target_id] = TargetFact(
            e.target_id, unit_id, e.number, e.spec, e.spec.weight
        )


def _list_unit(f: _Fold, e: Any) -> Any:
    return f.owner(e.originator_id)[0]


def _approved(f: _Fold, e: TargetList.TargetApproved) -> None:
    if f.belongs(e):
        f.approve(f.facts.targets[e.target_id], e)


def _returned(f: _Fold, e: TargetList.TargetReturned) -> None:
    if f.belongs(e):
        f.facts.targets[e.target_id].status = "returned"


def _resubmitted(f: _Fold, e: TargetList.TargetResubmitted) -> None:
    if f.belongs(e):
        target = f.facts.targets[e.target_id]
        target.spec, target.weight, target.status, target.next_level = (
            e.spec,
            e.spec.weight,
            "proposed",
            0,
        )


def _reweigh(f: _Fold, rebalance: dict[Any, Any]) -> None:
    for target_id, weight in rebalance.items():
        f.facts.targets[target_id].weight = weight


def _dynamic(f: _Fold, e: TargetList.DynamicTargetAssigned) -> None:
    if f.belongs(e):
        target = TargetFact(
            e.target_id, _list_unit(f, e), e.number, e.spec, e.spec.weight, "approved"
        )
        target.assigned = raw_ref(e)
        target.assigned_month = effective_month(e, f.facts.year)
        f.facts.targets[e.target_id] = target
        _reweigh(f, e.rebalance)


def _revised(f: _Fold, e: TargetList.TargetRevised) -> None:
    if f.belongs(e):
        target = f.facts.targets[e.target_id]
        target.spec, target.weight = e.spec, e.spec.weight
        _reweigh(f, e.rebalance)


def _withdrawn(f: _Fold, e: TargetList.TargetWithdrawn) -> None:
    if f.belongs(e):
        f.facts.targets[e.target_id].status = "withdrawn"
        _reweigh(f, e.rebalance)


def _scored(f: _Fold, e: TargetList.TargetScored) -> None:
    if f.belongs(e):
        month = effective_month(e, f.facts.year)
        f.facts.targets[e.target_id].score = (e.score, e.out_of, raw_ref(e), month)


def _return_opened(f: _Fold, e: MonthlyReturn.Opened) -> None:
    f.join(e, (e.unit_id, month_of_text(e.month, f.facts.year)))


def _reported(f: _Fold, e: MonthlyReturn.ProgressReported) -> None:
    owner = f.member(e)
    if owner is not None:
        f.touch(e)
        month = owner[1]
        progress = e.progress
        fact = ReportFact(progress.value, tuple(progress.milestones_done), raw_ref(e))
        f.facts.targets[e.target_id].reports[month] = fact


def _verified(f: _Fold, e: MonthlyReturn.ProgressVerified) -> None:
    owner = f.member(e)
    if owner is not None:
        fact = f.facts.targets[e.target_id].reports[owner[1]]
        fact.status, fact.verified = "verified", raw_ref(e)


def _rejected(f: _Fold, e: MonthlyReturn.ProgressRejected) -> None:
    if f.belongs(e):
        _, month = f.owner(e.originator_id)
        f.facts.targets[e.target_id].reports[month].status = "rejected"


def _late_or_missing(kind: str) -> Handler:
    def handle(f: _Fold, e: Any) -> None:
        owner = f.member(e)
        if owner is not None:
            unit_id, month = owner
            f.touch(e)
            f.facts.extra.append(Decision(unit_id, raw_ref(e), month, kind, target_id=e.target_id))

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
    MonthlyReturn.ReportLate: _late_or_missing("late_report"),
    MonthlyReturn.ReportMissing: _late_or_missing("missing_report"),
    **DECISIONS,
}
