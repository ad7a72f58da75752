"""The evaluation campaigns of a year (评价) as the views hold them: kind, title, state,
how many units they evaluate and how many named evaluators they have, how many ballots
were submitted and public tokens issued. Counts only: never a token (its plaintext was
the office's once, at issue), a token's hash, or who submitted any ballot.

A year fact (`YEAR`): every signed-in user, a unit user too (it is an evaluator of the
mutual evaluation); nothing here is about one unit.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year
from api.pagination import PageAfter, PageSize
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.view_reads import AsOfArgument, ViewConnection, view_page
from api.vocabulary import EvaluationKind
from projections.campaigns import CampaignRow


@strawberry.enum(description="Whether a campaign still takes ballots.")
class CampaignState(Enum):
    open = "open"
    closed = "closed"


@strawberry.type(name="EvaluationCampaign", description="An evaluation campaign of the year.")
class CampaignType:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    kind: EvaluationKind = strawberry.field(description="Which kind of evaluation.")
    title: str = strawberry.field(description="Its title.")
    state: CampaignState = strawberry.field(description="open, or closed (no more ballots).")
    evaluated_units: int = strawberry.field(description="How many units it evaluates.")
    evaluators: int = strawberry.field(
        description="How many named evaluators (units and users) it has; 0 for the public's."
    )
    ballots_submitted: int = strawberry.field(description="How many ballots were submitted.")
    tokens_issued: int = strawberry.field(
        description="How many public tokens were issued (public satisfaction only)."
    )
    opened_at: datetime = strawberry.field(description="When it was opened.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")

    @classmethod
    def of(cls, row: CampaignRow) -> CampaignType:
        return cls(
            campaign_id=strawberry.ID(row.campaign_id),
            kind=EvaluationKind(row.kind),
            title=row.title,
            state=CampaignState(row.state),
            evaluated_units=row.evaluated_units,
            evaluators=row.evaluators,
            ballots_submitted=row.ballots,
            tokens_issued=row.tokens_issued,
            opened_at=datetime.fromisoformat(row.opened_at),
            closed_at=None if row.closed_at is None else datetime.fromisoformat(row.closed_at),
        )


@strawberry.type(description="A page of a year's evaluation campaigns, in the order opened.")
class CampaignConnection(ViewConnection[CampaignType]):
    pass


async def evaluation_campaigns(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    as_of: AsOfArgument = None,
    first: PageSize = 100,
    after: PageAfter = None,
) -> CampaignConnection:
    require_reader(info.context.actor(), ReadScope.YEAR)
    check_year(year)
    page, at = await info.context.views.numbered(
        info.context.application.campaigns, kind="campaign", node=CampaignType.of, as_of=as_of,
        first=first, after=after, year=year,
    )  # fmt: skip
    return view_page(CampaignConnection, page, at)


QUERY_SCOPES["evaluationCampaigns"] = ReadScope.YEAR


@strawberry.type
class CampaignQueries:
    evaluation_campaigns: CampaignConnection = strawberry.field(
        resolver=evaluation_campaigns,
        description="The year's evaluation campaigns of the four kinds, with their counts.",
    )
