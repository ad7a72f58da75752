"""The records of a year that are not scores: its evaluation campaigns, its special
assessments' results and its year-end workflow, folded from their own events for the
views that answer the API's queries about them (projections/campaigns.py,
special_results.py, year_end_view.py). A state the runner folds from the start of the
log, so it survives restarts.

A campaign is kept as counts only: never a token or its hash, never who submitted a
public ballot (there is no one to name: the event holds the token's hash alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.evaluations.campaign import EvaluationCampaign
from domain.events import DomainEvent, event_field
from domain.special.assessment import SpecialAssessment
from domain.special.results import UnitResult
from domain.year import AssessmentYear
from projections.batches import Batch

YEAR_END_STEPS = {
    "SelfCheckSubmitted": "self_check",
    "CentralizedReviewHeld": "centralized_review",
    "SpotCheckHeld": "spot_check",
    "DemocraticEvaluationHeld": "democratic_evaluation",
    "ScoresAggregated": "aggregate_score",
    "UnitsRanked": "ranking",
    "PreliminaryReviewPassed": "preliminary_review",
    "PreliminaryReviewReturned": "preliminary_review",
    "ResultsAnnounced": "public_announcement",
    "ResultsDecided": "committee_decision",
    "Finalized": "final",
    "AmendedAfterFinalization": "amendment",
}
_STEP_FACTS = ("summary", "findings", "campaign_id", "objections_until", "basis", "command")


@dataclass
class CampaignRecord:
    year_id: UUID
    kind: str
    title: str
    opened_at: datetime
    evaluated_units: int
    evaluators: int  # named evaluators (units and users); 0 for a public campaign
    ballots: int = 0
    tokens_issued: int = 0
    closed_at: datetime | None = None


@dataclass
class SpecialRecord:
    year_id: UUID
    key: str
    name: str
    department: str
    imports: int = 0
    lowest: str = ""
    highest: str = ""
    file_name: str = ""
    imported_at: datetime | None = None
    results: list[UnitResult] = field(default_factory=list)


@dataclass(frozen=True)
class StepEntry:
    """A year-end step taken, as its event recorded it, at its log position."""

    position: int
    year_id: UUID
    step: str
    event: str
    recorded_at: datetime
    actor_id: str
    actor_role: str
    reason: str | None
    unit_ids: tuple[UUID, ...]
    facts: dict[str, str]


@dataclass
class ObjectionRecord:
    year_id: UUID
    number: int
    unit_id: UUID
    grounds: str
    raised_at: datetime
    raised_by: str
    upheld: bool | None = None
    answer: str | None = None
    answered_at: datetime | None = None
    answered_by: str | None = None


class YearRecords:
    def __init__(self) -> None:
        self.campaigns: dict[UUID, CampaignRecord] = {}
        self.specials: dict[UUID, SpecialRecord] = {}
        self.years: dict[UUID, AssessmentYear] = {}
        self.objections: dict[tuple[UUID, int], ObjectionRecord] = {}
        self.steps: list[StepEntry] = []  # the last batch's steps only
        self.touched: set[UUID] = set()  # campaigns, assessments and years of the batch

    def apply(self, batch: Batch) -> None:
        self.steps, self.touched = [], set()
        for logged in batch.events:
            self.learn(logged.position, logged.event)

    def learn(self, position: int, event: DomainEvent) -> None:
        if isinstance(event, EvaluationCampaign.Event):
            self._campaign(event)
        elif isinstance(event, SpecialAssessment.Event):
            self._special(event)
        elif isinstance(event, AssessmentYear.Event):
            self._year(position, event)
        else:
            return
        self.touched.add(event.originator_id)

    def _campaign(self, event: EvaluationCampaign.Event) -> None:
        if isinstance(event, EvaluationCampaign.Opened):
            named = len(event.evaluators.units) + len(event.evaluators.users)
            self.campaigns[event.originator_id] = CampaignRecord(
                event.year_id, str(event.kind), event.title, event.timestamp,
                len(event.evaluated_units), named,
            )  # fmt: skip
            return
        record = self.campaigns[event.originator_id]
        if isinstance(event, EvaluationCampaign.TokensIssued):
            record.tokens_issued += len(event.token_sha256)
        elif isinstance(
            event, EvaluationCampaign.BallotSubmitted | EvaluationCampaign.PublicBallotSubmitted
        ):
            record.ballots += 1
        elif isinstance(event, EvaluationCampaign.Closed):
            record.closed_at = event.timestamp

    def _special(self, event: SpecialAssessment.Event) -> None:
        if isinstance(event, SpecialAssessment.Registered):
            self.specials[event.originator_id] = SpecialRecord(
                event.year_id, event.key, event.name, event.department
            )
        elif isinstance(event, SpecialAssessment.ResultsImported):
            record = self.specials[event.originator_id]
            record.imports += 1
            record.lowest, record.highest = str(event.scale.lowest), str(event.scale.highest)
            record.file_name, record.imported_at = event.source.file_name, event.timestamp
            record.results = list(event.results)

    def _year(self, position: int, event: AssessmentYear.Event) -> None:
        if isinstance(event, AssessmentYear.Opened):
            year = event.mutate(None)
            assert isinstance(year, AssessmentYear)
            self.years[year.id] = year
        else:
            event.mutate(self.years[event.originator_id])
        name = type(event).__name__
        if name in YEAR_END_STEPS:
            self.steps.append(_step(position, event, YEAR_END_STEPS[name]))
        elif isinstance(event, AssessmentYear.ObjectionRaised):
            self.objections[(event.originator_id, event.number)] = ObjectionRecord(
                event.originator_id, event.number, event.unit_id, event.grounds,
                event.timestamp, event.meta.actor_id,
            )  # fmt: skip
        elif isinstance(event, AssessmentYear.ObjectionAnswered):
            objection = self.objections[(event.originator_id, event.number)]
            objection.upheld, objection.answer = event.upheld, event.answer
            objection.answered_at, objection.answered_by = event.timestamp, event.meta.actor_id


def _step(position: int, event: DomainEvent, step: str) -> StepEntry:
    fields: dict[str, Any] = event.model_dump(include=set(_STEP_FACTS))
    units = event_field(event, "unit_ids") or [event_field(event, "unit_id")]
    return StepEntry(
        position=position,
        year_id=event.originator_id,
        step=step,
        event=type(event).__name__,
        recorded_at=event.timestamp,
        actor_id=event.meta.actor_id,
        actor_role=str(event.meta.actor_role),
        reason=event.meta.reason,
        unit_ids=tuple(unit for unit in units if unit is not None),
        facts={key: str(value) for key, value in fields.items() if value is not None},
    )
