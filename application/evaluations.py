"""Commands on evaluation campaigns (评价): the assessment office opens and closes them and
issues the public's tokens; named evaluators and token holders submit their ballots.

Campaigns run before their year is finalized; none of these commands amends a
finalized year.
"""

from __future__ import annotations

from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from application.ports import TokenSource
from domain import errors
from domain.actors import Actor
from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.evaluations.campaign import EvaluationCampaign
from domain.evaluations.tokens import new_tokens
from domain.events import Stamp, Value
from domain.vocabulary import EvaluationKind
from domain.year import AssessmentYear


class TokenBatch(Value):
    """The tokens of one batch, in plaintext: returned this once, for printing."""

    campaign_id: UUID
    batch: int
    tokens: list[str]


class SecretTokens:
    """256 random bits from the operating system per token (`secrets`)."""

    def draw(self, count: int) -> list[str]:
        return new_tokens(count)


class EvaluationCommands(AssessmentBase):
    # The composition root may set a seeded source for a reproducible demo year.
    tokens: TokenSource = SecretTokens()

    @command
    def open_campaign(
        self,
        *,
        year: int,
        kind: EvaluationKind,
        title: str,
        scale: Scale,
        evaluated_units: list[UUID],
        evaluators: Evaluators | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        assessment = self.year(year)
        stamp = self.stamp(by)
        campaign = EvaluationCampaign.open(
            id=self.ids.new_id(),
            year_id=assessment.id,
            kind=kind,
            title=title,
            scale=scale,
            evaluated_units=evaluated_units,
            evaluators=evaluators or Evaluators(),
            enrolled=assessment.roster,
            stamp=stamp,
        )
        self._year_consents(campaign, "open_campaign", stamp)
        return Outcome(campaign.id, campaign)

    @command
    def issue_evaluation_tokens(
        self, *, campaign_id: UUID, count: int, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[TokenBatch]:
        if idempotency_key is not None:
            # A repeat would be answered from the stored result: the plaintext tokens.
            raise errors.InvalidInput(
                "tokens are never stored in plaintext, so a batch is issued without an "
                "idempotency key; a lost batch is replaced by issuing another",
                field="idempotency_key",
            )
        campaign, stamp = self._campaign(campaign_id, "issue_evaluation_tokens", by)
        tokens = campaign.issue_tokens(count=count, stamp=stamp, draw=self.tokens.draw)
        batch = TokenBatch(campaign_id=campaign.id, batch=campaign.batches, tokens=tokens)
        return Outcome(batch, campaign)

    @command
    def submit_evaluation(
        self,
        *,
        campaign_id: UUID,
        scores: list[UnitScore],
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        campaign, stamp = self._campaign(campaign_id, "submit_evaluation", by)
        campaign.submit(scores=scores, stamp=stamp)
        return Outcome(campaign.id, campaign)

    @command
    def submit_public_evaluation(
        self,
        *,
        campaign_id: UUID,
        token: str,
        scores: list[UnitScore],
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[UUID]:
        campaign, stamp = self._campaign(campaign_id, "submit_public_evaluation", by)
        campaign.submit_public(token=token, scores=scores, stamp=stamp)
        return Outcome(campaign.id, campaign)

    @command
    def close_campaign(
        self, *, campaign_id: UUID, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        campaign, stamp = self._campaign(campaign_id, "close_campaign", by)
        campaign.close(stamp=stamp)
        return Outcome(campaign.id, campaign)

    def _campaign(
        self, campaign_id: UUID, command: str, by: Actor
    ) -> tuple[EvaluationCampaign, Stamp]:
        campaign = self.load(EvaluationCampaign, campaign_id, field="campaign_id")
        stamp = self.stamp(by)
        self._year_consents(campaign, command, stamp)
        return campaign, stamp

    def _year_consents(self, campaign: EvaluationCampaign, command: str, stamp: Stamp) -> None:
        """A finalized year takes no ballots and no campaigns (YEAR_FINALIZED)."""
        self.guard_change(
            self.read(AssessmentYear, campaign.year_id, field="campaign_id"),
            subject_id=campaign.id,
            command=command,
            amendment_reason=None,
            stamp=stamp,
        )
