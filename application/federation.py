"""A city's (or a province's) ranking of its member jurisdictions, read from each one's
views: what a prefecture publishes of its counties' assessment (issue 9 point 1).

Each member is scored by its own rulebook in its own store; the city ranks them by the
mean score of their units in the period (every category counted), then by the share of
units graded excellent, then by code — a choice where the spec is silent, written in
docs/jurisdictions.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from application.views import ViewQueries
from domain.ids import year_id
from projections.summaries import PeriodSummary, period_summary


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    views: ViewQueries


@dataclass(frozen=True)
class MemberStanding:
    code: str
    name: str
    rank: int
    units: int
    mean_score: Decimal
    excellent: int
    general: int


def member_ranking(members: Sequence[Member], *, year: int, period: str) -> list[MemberStanding]:
    found: list[tuple[Member, PeriodSummary]] = []
    for member in members:
        reader = member.views.view_reader
        if reader is None:
            continue
        with reader.reading() as tx:
            summary = period_summary(
                tx, year_id=year_id(member.views.jurisdiction, year), period=period
            )
        if summary is not None:
            found.append((member, summary))
    found.sort(
        key=lambda pair: (-pair[1].mean_score, -pair[1].excellent / pair[1].units, pair[0].code)
    )
    return [
        MemberStanding(m.code, m.name, rank, s.units, s.mean_score, s.excellent, s.general)
        for rank, (m, s) in enumerate(found, 1)
    ]
