"""People named on units and targets (leaders, fillers, contacts)."""

from __future__ import annotations

from pydantic import Field

from domain.events import Value


class Person(Value):
    name: str = Field(min_length=1, max_length=60)
    title: str | None = Field(default=None, max_length=60)
    contact: str | None = Field(default=None, max_length=60, description="phone or OA account")
