"""Stored rows straight into the scoring fold, without building the events.

The events table holds what `PydanticMapper` wrote: each event's fields as JSON (ids as
canonical text, decimals as strings, times as ISO 8601), validated when the event was
made. For a replay those rows are trusted, so instead of validating each one into its
pydantic event (≈6 µs) the reader parses the JSON with orjson and hands the fold's
primitives (`domain.scoring.fold.Folder`) the few fields they need, ids kept as text.
A target's spec becomes the few terms scoring reads (`TargetTerms`), unvalidated too.

`BY_CLASS` has one entry per event class the fold reads (`domain.scoring.handlers.TABLE`,
a test holds the two together; cases, campaigns and assessments are in `rows_weighed`);
rows of other topics are skipped unparsed, and so are the later rows of aggregates that
are not the year's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson
from eventsourcing.utils import get_topic

from domain.incentives.bonus import Bonus
from domain.incentives.deduction_notice import DeductionNotice
from domain.incentives.red_flag import RedFlagRound
from domain.incentives.sanction import Sanction
from domain.reports.monthly_return import MonthlyReturn
from domain.scoring.facts import TargetTerms
from domain.scoring.fold import Folder
from domain.scoring.fold_state import When
from domain.targets.target_list import TargetList
from domain.unit import Unit
from domain.vocabulary import ScoringMode
from domain.year import AssessmentYear
from infrastructure.replay.rows_weighed import BY_CLASS as WEIGHED

Row = tuple[str, int, str, bytes]  # originator id as text, version, topic, state JSON
Fields = dict[str, Any]
Decode = Callable[[Folder, str, int, Fields], None]

_at = datetime.fromisoformat
_NONE = Decimal(0)


def _terms(spec: Fields) -> TargetTerms:
    """The terms of a stored `TargetSpec` (its measure is tagged by `type`)."""
    measure, weight = spec["measure"], Decimal(spec["weight"])
    zero_base = spec["scoring_mode"] == ScoringMode.ZERO_BASE
    if measure["type"] == "quantitative":
        schedule = tuple(map(Decimal, measure["schedule"]))
        baseline, goal = Decimal(measure["baseline"]), Decimal(measure["annual_goal"])
        return TargetTerms(spec["title"], weight, zero_base, True, baseline, goal, schedule)
    due = tuple((m["key"], m["due_month"]) for m in measure["milestones"])
    return TargetTerms(spec["title"], weight, zero_base, False, milestones=due)


def _when(d: Fields) -> When:
    return (_at(d["timestamp"]), d["meta"]["effective_period"])


def _rebalance(d: Fields) -> dict[str, Decimal]:
    return {target_id: Decimal(weight) for target_id, weight in d["rebalance"].items()}


def _reported(f: Folder, i: str, v: int, d: Fields) -> None:
    progress = d["progress"]
    value = progress["value"]
    value = None if value is None else Decimal(value)
    f.progress_reported(
        (i, v), d["target_id"], (value, progress["milestones_done"] or ()), _at(d["timestamp"])
    )


def _decided(kind: Callable[[Fields], tuple[str, Decimal]]) -> Decode:
    def decode(f: Folder, i: str, v: int, d: Fields) -> None:
        f.decision_made((i, v), d["year_id"], d["unit_id"], kind(d), _when(d))

    return decode


def _year_event(f: Folder, i: str, _v: int, d: Fields) -> None:
    f.year_event(i, _at(d["timestamp"]))


def _overdue(kind: str) -> Decode:
    def decode(f: Folder, i: str, v: int, d: Fields) -> None:
        f.report_overdue((i, v), d["target_id"], kind, _at(d["timestamp"]))

    return decode


def _revoked(f: Folder, i: str, _v: int, d: Fields) -> None:
    f.decision_revoked(i, _when(d))


BY_CLASS: dict[type, Decode] = {
    AssessmentYear.Opened: lambda f, i, _v, d: f.year_opened(i, d["year"], _at(d["timestamp"])),
    AssessmentYear.UnitEnrolled: lambda f, i, _v, d: f.unit_enrolled(
        i, d["unit_id"], d["category"]
    ),
    AssessmentYear.RulebookAdopted: _year_event,
    AssessmentYear.PeriodClosed: _year_event,
    AssessmentYear.Finalized: _year_event,
    AssessmentYear.AmendedAfterFinalization: _year_event,
    Unit.Registered: lambda f, i, _v, d: f.unit_registered(
        i, d["code"], d["name"], d["since_year"]
    ),
    Unit.Renamed: lambda f, i, _v, d: f.unit_renamed(i, d["name"], d["effective_year"]),
    TargetList.Opened: lambda f, i, _v, d: f.list_opened(
        i, d["year_id"], d["unit_id"], _at(d["timestamp"])
    ),
    TargetList.TargetProposed: lambda f, i, _v, d: f.target_proposed(
        i, d["target_id"], d["number"], _terms(d["spec"])
    ),
    TargetList.TargetApproved: lambda f, i, v, d: f.target_approved(
        (i, v), d["target_id"], _when(d)
    ),
    TargetList.TargetReturned: lambda f, i, _v, d: f.target_returned(i, d["target_id"]),
    TargetList.TargetResubmitted: lambda f, i, _v, d: f.target_resubmitted(
        i, d["target_id"], _terms(d["spec"])
    ),
    TargetList.DynamicTargetAssigned: lambda f, i, v, d: f.target_assigned(
        (i, v), (d["target_id"], d["number"], _terms(d["spec"])), _rebalance(d), _when(d)
    ),
    TargetList.TargetRevised: lambda f, i, _v, d: f.target_revised(
        i, d["target_id"], _terms(d["spec"]), _rebalance(d)
    ),
    TargetList.TargetWithdrawn: lambda f, i, _v, d: f.target_withdrawn(
        i, d["target_id"], _rebalance(d)
    ),
    TargetList.TargetScored: lambda f, i, v, d: f.target_scored(
        (i, v), d["target_id"], (Decimal(d["score"]), Decimal(d["out_of"])), _when(d)
    ),
    MonthlyReturn.Opened: lambda f, i, _v, d: f.return_opened(
        i, d["year_id"], d["unit_id"], d["month"], _at(d["timestamp"])
    ),
    MonthlyReturn.ProgressReported: _reported,
    MonthlyReturn.ProgressVerified: lambda f, i, v, d: f.progress_verified((i, v), d["target_id"]),
    MonthlyReturn.ProgressRejected: lambda f, i, _v, d: f.progress_rejected(i, d["target_id"]),
    MonthlyReturn.ReportLate: _overdue("late_report"),
    MonthlyReturn.ReportMissing: _overdue("missing_report"),
    Bonus.Granted: _decided(lambda d: ("bonus", Decimal(d["points"]))),
    Bonus.Revoked: _revoked,
    Sanction.Imposed: _decided(lambda d: (d["kind"], _NONE)),
    Sanction.Revoked: _revoked,
    DeductionNotice.Issued: _decided(lambda _d: ("notice", _NONE)),
    RedFlagRound.Opened: lambda f, i, _v, d: f.round_opened(
        i, d["year_id"], d["month"], _at(d["timestamp"])
    ),
    RedFlagRound.Awarded: lambda f, i, v, d: f.flag_awarded((i, v), d["unit_id"]),
    **WEIGHED,
}

BY_TOPIC: dict[str, Decode] = {get_topic(cls): decode for cls, decode in BY_CLASS.items()}


def fold_rows(folder: Folder, rows: Iterable[Row]) -> None:
    """Every row, in log order, into `folder` (ids compared as text)."""
    members, table, loads = folder.members, BY_TOPIC, orjson.loads
    for originator_id, version, topic, state in rows:
        decode = table.get(topic)
        if decode is not None and (version == 1 or originator_id in members):
            decode(folder, originator_id, version, loads(state))
