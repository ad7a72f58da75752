"""A rulebook (考核办法) as published in the log, by the SHA-256 that names it: one
aggregate by id. A list of every rulebook is a view's (projections/)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.aggregates import cached
from api.context import ApiContext
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from domain import errors
from domain.ids import rulebook_id
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import canonical_json

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@strawberry.type(description="A category units are ranked in, as the rulebook names it.")
class RankedCategory:
    key: str = strawberry.field(description="Its key, e.g. `town`.")
    name: str = strawberry.field(description="Its name.")


@strawberry.type(name="Rulebook", description="A rulebook (考核办法) published in the log.")
class RulebookType:
    sha256: str = strawberry.field(description="SHA-256 of its canonical JSON: its identity.")
    version: str = strawberry.field(description="Its version.")
    title: str = strawberry.field(description="Its title.")
    jurisdiction: str = strawberry.field(description="The jurisdiction it is for.")
    total_weight: Decimal = strawberry.field(description="What a unit's target weights sum to.")
    categories: list[RankedCategory] = strawberry.field(description="Categories ranked apart.")
    document: str = strawberry.field(
        description="The whole document as canonical JSON (sorted keys): hash it to check."
    )


def rulebook(
    info: Info[ApiContext, None],
    sha256: Annotated[str, strawberry.argument(description="The rulebook's SHA-256.")],
) -> RulebookType | None:
    require_reader(info.context.actor(), ReadScope.YEAR)
    if not _SHA256.match(sha256):
        raise errors.InvalidInput("64 lowercase hex digits", field="sha256")
    record = cached(info.context.application, RulebookRecord, rulebook_id(sha256))
    if record is None:
        return None
    book = record.rulebook
    return RulebookType(
        sha256=record.sha256,
        version=book.version,
        title=book.title,
        jurisdiction=book.jurisdiction,
        total_weight=book.total_weight,
        categories=[RankedCategory(key=c.key, name=c.name) for c in book.categories],
        document=canonical_json(book).decode(),
    )


QUERY_SCOPES["rulebook"] = ReadScope.YEAR


@strawberry.type
class RulebookQueries:
    rulebook: RulebookType | None = strawberry.field(
        resolver=rulebook,
        description="A published rulebook by its SHA-256 (e.g. a year's `rulebookSha256`).",
    )
