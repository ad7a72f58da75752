"""`memberRanking(year, period)`: a city's (or a province's) ranking of its member
jurisdictions, read from each member's views (application/federation.py), never their
logs: what a prefecture publishes of its counties' assessment (issue 9 point 1).

Asked in the city's jurisdiction (`/j/<city>/graphql`, a token naming the city); the
city's readers read it (`ALL_UNITS`: it compares whole counties, so a unit user and the
public do not). A county has no members: its answer lists none.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from application.federation import Member, MemberStanding, member_ranking
from domain import errors
from domain.periods import Period


@strawberry.type(name="MemberStanding", description="A member jurisdiction's standing.")
class MemberStandingType:
    code: str = strawberry.field(description="The member's code in the registry.")
    name: str = strawberry.field(description="Its name.")
    rank: int = strawberry.field(description="Its rank among the members, 1..n.")
    units: int = strawberry.field(description="How many units it ranked in the period.")
    mean_score: Decimal = strawberry.field(description="The mean score of those units.")
    excellent: int = strawberry.field(description="How many of them are graded excellent.")
    general: int = strawberry.field(description="How many of them are graded general.")

    @classmethod
    def of(cls, standing: MemberStanding) -> MemberStandingType:
        return cls(
            code=standing.code,
            name=standing.name,
            rank=standing.rank,
            units=standing.units,
            mean_score=standing.mean_score,
            excellent=standing.excellent,
            general=standing.general,
        )


@strawberry.type(description="A jurisdiction's ranking of its members for a period.")
class MemberRanking:
    jurisdiction: str = strawberry.field(description="The ranking jurisdiction (a city).")
    year: int = strawberry.field(description="The calendar year.")
    period: str = strawberry.field(description="The period ranked.")
    members: list[MemberStandingType] = strawberry.field(
        description="Its members with units ranked in the period, best first: by mean "
        "score, then the share graded excellent, then code."
    )


async def member_ranking_query(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    period: Annotated[
        str | None, strawberry.argument(description="`2025-H1`, `2025-Q2`, …; the year if null.")
    ] = None,
) -> MemberRanking:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    check_year(year)
    chosen = period or str(year)
    if Period.parse(chosen).year != year:
        raise errors.InvalidInput(f"a period of {year}", field="period")
    context = info.context
    standings = await context.views.run(_ranking, members=context.members, year=year, period=chosen)
    return MemberRanking(
        jurisdiction=context.jurisdiction,
        year=year,
        period=chosen,
        members=[MemberStandingType.of(standing) for standing in standings],
    )


def _ranking(
    *, members: Callable[[], list[Member]], year: int, period: str
) -> list[MemberStanding]:
    """The members' applications are looked up (built on first use) in the worker too."""
    return member_ranking(members(), year=year, period=period)


QUERY_SCOPES["memberRanking"] = ReadScope.ALL_UNITS


@strawberry.type
class FederationQueries:
    member_ranking: MemberRanking = strawberry.field(
        resolver=member_ranking_query,
        description="A city's ranking of its member jurisdictions (counties), read from "
        "their views; asked in the city's own jurisdiction.",
    )
