"""Every clause of a rulebook by its id: what a score line, a grade or a consequence
names, with its text and its source (seed and article), for the inspector's trace.

A clause is any part of the document with an id, a source and a text; the index walks
the whole document, so clauses added to the rulebook model are found without a list."""

from __future__ import annotations

from typing import Any, Protocol, cast

from pydantic import BaseModel

from domain.rulebook.model import Rulebook

_CLAUSE_FIELDS = frozenset({"id", "source", "text"})


class SourceLike(Protocol):
    @property
    def seed(self) -> str: ...
    @property
    def article(self) -> str: ...


class ClauseLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> SourceLike: ...


def clauses_of(rulebook: Rulebook) -> dict[str, ClauseLike]:
    found: dict[str, ClauseLike] = {}
    _collect(rulebook, found)
    return found


def _collect(value: Any, found: dict[str, ClauseLike]) -> None:
    if isinstance(value, BaseModel):
        if type(value).model_fields.keys() >= _CLAUSE_FIELDS:
            found.setdefault(value.id, cast(ClauseLike, value))  # type: ignore[attr-defined]
        for name in type(value).model_fields:
            _collect(getattr(value, name), found)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, found)
