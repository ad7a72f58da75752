"""The year-end events of an assessment year, each moving the year along its steps.

They live on a base class of `AssessmentYear` (whose stream they are part of), so that the
year's core and its year end read apart.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.events import Aggregate
from domain.reports.evidence import Evidence
from domain.year_end.steps import Objection, YearEndStep


def _reach(agg: Any, step: YearEndStep) -> None:
    agg.year_end.reached = step


class YearEndEvents(Aggregate):
    class SelfCheckSubmitted(Aggregate.Event):
        """A unit's self-check report (单位自查报告) on its year."""

        unit_id: UUID
        summary: str
        evidence: list[Evidence]

        def apply(self, agg: Any) -> None:
            agg.year_end.self_checked.add(self.unit_id)

    class CentralizedReviewHeld(Aggregate.Event):
        summary: str

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.CENTRALIZED_REVIEW)

    class SpotCheckHeld(Aggregate.Event):
        unit_ids: list[UUID]
        findings: str

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.SPOT_CHECK)

    class DemocraticEvaluationHeld(Aggregate.Event):
        campaign_id: UUID

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.DEMOCRATIC_EVALUATION)

    class ScoresAggregated(Aggregate.Event):
        """The office totalled the year's scores: as of this event's recorded time."""

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.AGGREGATE_SCORE)

    class UnitsRanked(Aggregate.Event):
        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.RANKING)

    class PreliminaryReviewPassed(Aggregate.Event):
        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.PRELIMINARY_REVIEW)

    class PreliminaryReviewReturned(Aggregate.Event):
        """The leader sent the result back (the reason says why): total and rank again."""

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.DEMOCRATIC_EVALUATION)

    class ResultsAnnounced(Aggregate.Event):
        objections_until: date

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.PUBLIC_ANNOUNCEMENT)
            agg.year_end.objections_until = self.objections_until

    class ObjectionRaised(Aggregate.Event):
        number: int
        unit_id: UUID
        grounds: str

        def apply(self, agg: Any) -> None:
            agg.year_end.objections[self.number] = Objection(self.unit_id)

    class ObjectionAnswered(Aggregate.Event):
        number: int
        upheld: bool
        answer: str

        def apply(self, agg: Any) -> None:
            agg.year_end.objections[self.number].answered = True

    class ResultsDecided(Aggregate.Event):
        """The committee's decision (县委常委会审查决定); `basis` names its minutes."""

        basis: str

        def apply(self, agg: Any) -> None:
            _reach(agg, YearEndStep.COMMITTEE_DECISION)
