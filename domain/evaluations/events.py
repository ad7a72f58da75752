"""The events of an evaluation campaign, each applying its fact to the campaign's state.

On a base class of `EvaluationCampaign`, so the facts (here) and the rules (campaign.py)
read apart.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.events import Aggregate
from domain.vocabulary import EvaluationKind


class CampaignEvents(Aggregate):
    class Opened(Aggregate.Created):
        year_id: UUID
        kind: EvaluationKind
        title: str
        scale: Scale
        evaluated_units: list[UUID]
        evaluators: Evaluators

        def apply(self, agg: Any) -> None:
            agg.year_id, agg.kind, agg.scale = self.year_id, self.kind, self.scale
            agg.evaluated = tuple(self.evaluated_units)
            agg.evaluator_units = frozenset(self.evaluators.units)
            agg.evaluator_users = frozenset(self.evaluators.users)
            agg.issued, agg.used, agg.voted = set(), set(), set()
            agg.batches, agg.closed = 0, False

    class TokensIssued(Aggregate.Event):
        """A batch of public tokens: their sha256 only, never the tokens themselves."""

        batch: int
        token_sha256: list[str]

        def apply(self, agg: Any) -> None:
            agg.batches = self.batch
            agg.issued.update(self.token_sha256)

    class BallotSubmitted(Aggregate.Event):
        """A named evaluator's ballot: `unit:<id>` for a unit, `user:<id>` for a person."""

        evaluator: str
        scores: list[UnitScore]

        def apply(self, agg: Any) -> None:
            agg.voted.add(self.evaluator)

    class PublicBallotSubmitted(Aggregate.Event):
        """An anonymous ballot: the token's hash is all that names where it came from."""

        token_sha256: str
        scores: list[UnitScore]

        def apply(self, agg: Any) -> None:
            agg.used.add(self.token_sha256)

    class Closed(Aggregate.Event):
        def apply(self, agg: Any) -> None:
            agg.closed = True
