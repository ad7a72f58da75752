"""Evaluation campaigns (评价): the office opens and closes them and issues the public's
tokens; named evaluators submit once each, and the public (社会群众) submits with a
token, anonymously and without signing in."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import strawberry

from api.common import Changed, CommandInput, YearCommandInput
from api.inputs import uuid_of, uuids_of, value_of
from api.mutation import Run, ident, mutation
from api.permissions import Guard
from api.vocabulary import EvaluationKind, domain_value
from domain import vocabulary as v
from domain.actors import Duty
from domain.evaluations.ballots import Evaluators, Scale, UnitScore


@strawberry.input(description="The scale every score lies on, e.g. 0–100 in steps of 0.5.")
class ScaleInput:
    lowest: Decimal = strawberry.field(description="The lowest score.")
    highest: Decimal = strawberry.field(description="The highest score (≤1000).")
    step: Decimal = strawberry.field(default=Decimal(1), description="The step between scores.")


@strawberry.input(description="Who may submit a named ballot.")
class EvaluatorsInput:
    units: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Units, whose users answer for their leadership."
    )
    users: list[str] = strawberry.field(
        default_factory=list, description="Individual users, by user id."
    )


@strawberry.input(description="An evaluation campaign to open.")
class OpenCampaignInput(YearCommandInput):
    kind: EvaluationKind = strawberry.field(description="Which kind of evaluation.")
    title: str = strawberry.field(description="Its title.")
    scale: ScaleInput = strawberry.field(description="The scale of its scores.")
    evaluated_units: list[strawberry.ID] = strawberry.field(description="The units evaluated.")
    evaluators: EvaluatorsInput | None = strawberry.field(
        default=None, description="Named evaluators (none for a public campaign)."
    )


@strawberry.input(description="A command on one campaign.")
class CampaignInput(CommandInput):
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")


@strawberry.input(
    description="A batch of public tokens; takes no idempotency key (they are never stored)."
)
class IssueEvaluationTokensInput:
    campaign_id: strawberry.ID = strawberry.field(description="The public campaign.")
    count: int = strawberry.field(description="How many tokens (1–5000).")


@strawberry.input(description="One unit's score on a ballot.")
class UnitScoreInput:
    unit_id: strawberry.ID = strawberry.field(description="The unit rated.")
    score: Decimal = strawberry.field(description="Its score, on the campaign's scale.")


@strawberry.input(description="A named evaluator's ballot.")
class SubmitEvaluationInput(CampaignInput):
    scores: list[UnitScoreInput] = strawberry.field(description="The scores given.")


@strawberry.input(description="A public ballot with its evaluation token (from the QR code).")
class SubmitPublicEvaluationInput(SubmitEvaluationInput):
    token: str = strawberry.field(description="The evaluation token; it submits once.")


@strawberry.type(description="A batch of tokens, in plaintext this once: print them now.")
class TokenBatch:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    batch: int = strawberry.field(description="The batch's number in the campaign.")
    tokens: list[str] = strawberry.field(description="The tokens; only their hashes are kept.")


def _scores(scores: list[UnitScoreInput]) -> list[UnitScore]:
    return [
        UnitScore(unit_id=uuid_of(s.unit_id, f"input.scores.{i}.unitId"), score=s.score)
        for i, s in enumerate(scores)
    ]


def _campaign_id(input: CampaignInput | IssueEvaluationTokensInput) -> UUID:
    return uuid_of(input.campaign_id, "input.campaignId")


@strawberry.type
class EvaluationMutations:
    @mutation(Guard(Duty.RUN_EVALUATION), "Open an evaluation campaign.")
    def open_campaign(run: Run, input: OpenCampaignInput) -> Changed:
        evaluators = input.evaluators or EvaluatorsInput()
        campaign_id = run.app.open_campaign(
            year=input.year,
            kind=domain_value(v.EvaluationKind, input.kind),
            title=input.title,
            scale=value_of(Scale, input.scale, "input.scale"),
            evaluated_units=uuids_of(input.evaluated_units, "input.evaluatedUnits"),
            evaluators=value_of(
                Evaluators,
                {
                    "units": uuids_of(evaluators.units, "input.evaluators.units"),
                    "users": evaluators.users,
                },
                "input.evaluators",
            ),
            **run.command(input),
        )
        return Changed(id=ident(campaign_id))

    @mutation(Guard(Duty.RUN_EVALUATION), "Issue a batch of public evaluation tokens.")
    def issue_evaluation_tokens(run: Run, input: IssueEvaluationTokensInput) -> TokenBatch:
        batch = run.app.issue_evaluation_tokens(
            campaign_id=_campaign_id(input), count=input.count, by=run.by
        )
        return TokenBatch(
            campaign_id=ident(batch.campaign_id), batch=batch.batch, tokens=batch.tokens
        )

    @mutation(Guard(Duty.SUBMIT_EVALUATION), "Submit a named ballot; once per evaluator.")
    def submit_evaluation(run: Run, input: SubmitEvaluationInput) -> Changed:
        campaign_id = run.app.submit_evaluation(
            campaign_id=_campaign_id(input), scores=_scores(input.scores), **run.command(input)
        )
        return Changed(id=ident(campaign_id))

    @mutation(
        Guard(Duty.SUBMIT_PUBLIC_EVALUATION),
        "Submit a public satisfaction ballot with an evaluation token; no sign-in.",
    )
    def submit_public_evaluation(run: Run, input: SubmitPublicEvaluationInput) -> Changed:
        campaign_id = run.app.submit_public_evaluation(
            campaign_id=_campaign_id(input),
            token=input.token,
            scores=_scores(input.scores),
            **run.command(input),
        )
        return Changed(id=ident(campaign_id))

    @mutation(Guard(Duty.RUN_EVALUATION), "Close a campaign: no ballot is taken after.")
    def close_campaign(run: Run, input: CampaignInput) -> Changed:
        campaign_id = run.app.close_campaign(campaign_id=_campaign_id(input), **run.command(input))
        return Changed(id=ident(campaign_id))
