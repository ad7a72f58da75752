"""The results of a year's special assessments (专项考核) per unit, as last imported:
which assessment and department, the scale, the unit's score, the file and row it came
from, and whether the department has corrected them (more than one import).

A view across units (`UNIT_ROWS`): readers see every unit's results, a unit user only
its own.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.inputs import check_year, optional_uuid
from api.pagination import PageAfter, PageSize
from api.permissions import QUERY_SCOPES, ReadScope, readable_unit
from api.view_reads import AsOfArgument, ViewConnection, view_page
from projections.special_results import SpecialResultRow


@strawberry.type(name="SpecialAssessmentResult", description="A unit's special assessment score.")
class SpecialResultType:
    assessment_key: str = strawberry.field(description="The assessment's key, e.g. `safety`.")
    name: str = strawberry.field(description="Its name.")
    department: str = strawberry.field(description="The department responsible for it.")
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    unit_code: str = strawberry.field(description="The unit's code, as the file gave it.")
    score: Decimal = strawberry.field(description="The unit's score.")
    lowest: Decimal = strawberry.field(description="The lowest score of the assessment's scale.")
    highest: Decimal = strawberry.field(description="The highest score of its scale.")
    imports: int = strawberry.field(
        description="How many times the results were imported (2 and more: corrected)."
    )
    file_name: str = strawberry.field(description="The file of the import the score is from.")
    row: int = strawberry.field(description="Its row in that file.")
    imported_at: datetime = strawberry.field(description="When that import was made.")

    @classmethod
    def of(cls, row: SpecialResultRow) -> SpecialResultType:
        return cls(
            assessment_key=row.assessment_key,
            name=row.name,
            department=row.department,
            unit_id=strawberry.ID(row.unit_id),
            unit_code=row.unit_code,
            score=row.score,
            lowest=row.lowest,
            highest=row.highest,
            imports=row.imports,
            file_name=row.file_name,
            row=row.row,
            imported_at=datetime.fromisoformat(row.imported_at),
        )


@strawberry.type(description="A page of special assessment results, by assessment and unit code.")
class SpecialResultConnection(ViewConnection[SpecialResultType]):
    pass


async def special_assessment_results(
    info: Info[ApiContext, None],
    *,
    year: Annotated[int, strawberry.argument(description="The calendar year.")],
    unit_id: Annotated[
        strawberry.ID | None,
        strawberry.argument(description="One unit's results; every unit's when null."),
    ] = None,
    as_of: AsOfArgument = None,
    first: PageSize = 100,
    after: PageAfter = None,
) -> SpecialResultConnection:
    unit = readable_unit(info.context.actor(), optional_uuid(unit_id, "unitId"))
    check_year(year)
    page, at = await info.context.views.numbered(
        info.context.application.special_results, kind="special", node=SpecialResultType.of,
        as_of=as_of, first=first, after=after, year=year, unit_id=unit,
    )  # fmt: skip
    return view_page(SpecialResultConnection, page, at)


QUERY_SCOPES["specialAssessmentResults"] = ReadScope.UNIT_ROWS


@strawberry.type
class SpecialResultQueries:
    special_assessment_results: SpecialResultConnection = strawberry.field(
        resolver=special_assessment_results,
        description="The year's special assessment results per unit (a unit user: its own).",
    )
