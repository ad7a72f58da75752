"""Replay / what-if: a closed year scored under another rulebook, beside its official
result, per unit (score, rank, grade) and the ledger lines that changed. Nothing is
stored: the year's events are scored twice in a worker thread (application/replay.py).

Units come in the official order (category, rank), then any unit only the replay
scores; their cursors are that order, which only an amendment of the closed year moves.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, get_args

import strawberry
from strawberry.relay import Connection
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year
from api.ledgers import LineKind
from api.pagination import PageAfter, PageSize, connection
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from api.vocabulary import Grade, canonical
from domain import errors
from domain.rulebook.document import parse_rulebook_yaml
from domain.scoring.diff import LineChange, ReplayDiff, RulebookRef, UnitDiff
from domain.scoring.diff import LineChangeKind as LineChangeKinds
from domain.scoring.result import ScoreLine
from domain.vocabulary import Grade as DomainGrade

LineChangeKind = canonical(
    StrEnum("LineChanges", [(kind, kind) for kind in get_args(LineChangeKinds)]),
    "LineChangeKind",
    "added (scored by the replay alone), removed (by the official result alone), changed.",
)


@strawberry.type(name="RulebookRef", description="A rulebook by version and hash.")
class RulebookRefType:
    version: str = strawberry.field(description="Its version.")
    sha256: str = strawberry.field(description="SHA-256 of its canonical JSON.")

    @classmethod
    def of(cls, ref: RulebookRef) -> RulebookRefType:
        return cls(version=ref.version, sha256=ref.sha256)


@strawberry.type(name="ScoreLine", description="A score line of one side of a replay.")
class ScoreLineType:
    kind: LineKind = strawberry.field(description="What it scores.")
    points: Decimal = strawberry.field(description="Points, signed.")
    clause_id: str = strawberry.field(description="The clause of that side's rulebook.")
    detail: str = strawberry.field(description="The arithmetic in words.")
    target_id: strawberry.ID | None = strawberry.field(description="The target, if any.")
    event_ids: list[str] = strawberry.field(description="The events behind it.")

    @classmethod
    def of(cls, line: ScoreLine | None) -> ScoreLineType | None:
        if line is None:
            return None
        target = strawberry.ID(str(line.target_id)) if line.target_id else None
        return cls(
            kind=LineKind(line.kind), points=line.points, clause_id=line.clause_id,
            detail=line.detail, target_id=target, event_ids=list(line.event_ids),
        )  # fmt: skip


@strawberry.type(name="LineChange", description="A ledger line that differs in the replay.")
class LineChangeType:
    kind: LineKind = strawberry.field(description="What the line scores.")
    identity: str = strawberry.field(
        description="What it is of, whatever the clause: the target, or the events."
    )
    occurrence: int = strawberry.field(description="Which of several equal lines, from 0.")
    change: LineChangeKind = strawberry.field(description="added, removed or changed.")
    before: ScoreLineType | None = strawberry.field(description="The official line.")
    after: ScoreLineType | None = strawberry.field(description="The replayed line.")
    points_delta: Decimal = strawberry.field(description="Replayed points minus official.")


@strawberry.type(name="UnitDiff", description="A unit's official result beside its replay.")
class UnitDiffType:
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    code: str = strawberry.field(description="Its code.")
    name: str = strawberry.field(description="Its name.")
    category: str = strawberry.field(description="Its category.")
    score_before: Decimal | None = strawberry.field(description="Official score.")
    score_after: Decimal | None = strawberry.field(description="Replayed score.")
    rank_before: int | None = strawberry.field(description="Official rank.")
    rank_after: int | None = strawberry.field(description="Replayed rank.")
    grade_before: Grade | None = strawberry.field(description="Official grade.")
    grade_after: Grade | None = strawberry.field(description="Replayed grade.")
    changed: bool = strawberry.field(description="Whether anything differs.")
    found: strawberry.Private[tuple[LineChange, ...]]

    @strawberry.field(description="The lines that differ, official order then added ones.")
    def lines(self, first: PageSize = 100, after: PageAfter = None) -> Connection[LineChangeType]:
        numbered = list(enumerate(self.found, 1))
        return connection(
            numbered, kind="change", key=lambda row: row[0], node=lambda row: _change(row[1]),
            first=first, after=after,
        )  # fmt: skip


@strawberry.type(name="ReplayDiff", description="A closed year replayed under a rulebook.")
class ReplayDiffType:
    year: int = strawberry.field(description="The year replayed.")
    official: RulebookRefType = strawberry.field(description="The rulebook it adopted.")
    replayed: RulebookRefType = strawberry.field(description="The rulebook replayed under.")
    changed_units: int = strawberry.field(description="How many units' results differ.")
    diff: strawberry.Private[ReplayDiff]

    @strawberry.field(description="Every unit in the official order (category, rank).")
    def units(
        self,
        first: PageSize = 100,
        after: PageAfter = None,
        changed_only: Annotated[
            bool, strawberry.argument(description="Only the units whose result differs.")
        ] = False,
    ) -> Connection[UnitDiffType]:
        numbered = [
            (n, unit)
            for n, unit in enumerate(self.diff.units, 1)
            if unit.changed or not changed_only
        ]
        return connection(
            numbered, kind="unit", key=lambda row: row[0], node=lambda row: _unit(row[1]),
            first=first, after=after,
        )  # fmt: skip


async def replay(
    info: Info[ApiContext, None],
    year: Annotated[int, strawberry.argument(description="The closed year to replay.")],
    rulebook: Annotated[
        str, strawberry.argument(description="The rulebook to replay under, YAML or JSON.")
    ],
) -> ReplayDiffType:
    require_reader(info.context.actor(), ReadScope.ALL_UNITS)
    check_year(year)
    try:
        book = parse_rulebook_yaml(rulebook)
    except errors.RulebookInvalid as error:
        raise errors.RulebookInvalid(error.message, field="rulebook") from None
    app = info.context.application
    found = await info.context.views.run(app.replay_year, year=year, rulebook=book)
    diff = found.diff
    return ReplayDiffType(
        year=diff.year,
        official=RulebookRefType.of(diff.official),
        replayed=RulebookRefType.of(diff.replayed),
        changed_units=diff.changed_units,
        diff=diff,
    )


def _grade(grade: DomainGrade | None) -> Grade | None:
    return None if grade is None else Grade(grade.value)


def _unit(unit: UnitDiff) -> UnitDiffType:
    return UnitDiffType(
        unit_id=strawberry.ID(str(unit.unit_id)), code=unit.code, name=unit.name,
        category=unit.category, score_before=unit.score_before, score_after=unit.score_after,
        rank_before=unit.rank_before, rank_after=unit.rank_after,
        grade_before=_grade(unit.grade_before), grade_after=_grade(unit.grade_after),
        changed=unit.changed, found=unit.lines,
    )  # fmt: skip


def _change(change: LineChange) -> LineChangeType:
    return LineChangeType(
        kind=LineKind(change.key.kind), identity=change.key.identity,
        occurrence=change.key.occurrence, change=LineChangeKind(change.change),
        before=ScoreLineType.of(change.before), after=ScoreLineType.of(change.after),
        points_delta=change.points_delta,
    )  # fmt: skip


QUERY_SCOPES["replay"] = ReadScope.ALL_UNITS


@strawberry.type
class ReplayQueries:
    replay: ReplayDiffType = strawberry.field(
        resolver=replay,
        description="What-if: a closed year under another rulebook, against its official "
        "result; nothing is stored.",
    )
