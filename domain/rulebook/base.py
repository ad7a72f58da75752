"""What every part of a rulebook document is built from: frozen models that refuse
unknown keys, and clauses that carry an id and the seed passage they come from."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Doc):
    seed: str = Field(description="seed document file prefix, e.g. '000'")
    article: str = Field(description="where in the seed the rule is stated")


class Clause(Doc):
    id: str = Field(pattern=r"^[a-z0-9_.-]+$")
    source: Source
    text: str = Field(description="the rule in the office's words")


class PointsClause(Clause):
    points: Decimal = Field(ge=0)
