"""Which jurisdiction a request acts in, and whether its token may act there (issue 9
point 1, docs/jurisdictions.md).

A request names its jurisdiction in the path: `/j/<code>/graphql` and
`/j/<code>/exports/...`; `/graphql` and `/exports/...` are the served jurisdiction's,
the single-jurisdiction server of before, unchanged. A token names the jurisdictions it
may act in (claim `jurisdictions`); a token without the claim acts in the served
jurisdiction only. The public (anonymous, or a public token without the claim) may
reach every jurisdiction served: all it may do is submit a public ballot with an
evaluation token, which only that jurisdiction's campaign issued.

The check comes before the jurisdiction's application is looked up, so a refused
request reads nothing, builds nothing and stores nothing, and a jurisdiction's
existence is not revealed to a token that does not name it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from api.auth import Bearer
from api.event_counter import EventCounter
from application.app import AssessmentApplication
from application.federation import Member
from domain import errors
from domain.errors import DomainError
from domain.vocabulary import Role

PATH_PREFIX = "/j/{jurisdiction}"


class OutsideJurisdiction(DomainError):  # noqa: N818 (named like the domain's errors)
    """The token does not name the jurisdiction the request acts in."""

    code = "OUTSIDE_JURISDICTION"


class UnknownJurisdiction(DomainError):  # noqa: N818
    """The path names a jurisdiction this server does not route (not NOT_FOUND, which
    resolvers answer as a null: a jurisdiction missing is not a record missing)."""

    code = "UNKNOWN_JURISDICTION"


@dataclass(frozen=True)
class Place:
    """A jurisdiction as the registry names it."""

    code: str
    name: str
    level: str  # county | city | province
    parent: str | None = None


class Jurisdictions(Protocol):
    """The registry's jurisdictions and their applications, given by the composition root
    (infrastructure/routing.py), so api/ imports no infrastructure."""

    def place(self, code: str) -> Place:
        """NOT_FOUND (field `jurisdiction`) for a code the registry does not hold."""
        ...

    def members(self, code: str) -> list[Place]: ...

    def application(self, code: str) -> AssessmentApplication: ...


class Router:
    """The served application and, when a registry is given, every other jurisdiction."""

    def __init__(
        self, served: AssessmentApplication, jurisdictions: Jurisdictions | None = None
    ) -> None:
        self.served, self.jurisdictions = served, jurisdictions
        self._counters: dict[str, EventCounter] = {}
        self._lock = threading.Lock()

    @property
    def served_code(self) -> str:
        return self.served.jurisdiction

    def check(self, bearer: Bearer, code: str) -> None:
        """OUTSIDE_JURISDICTION unless `bearer` may act in `code`."""
        if bearer.actor.role is Role.PUBLIC and bearer.jurisdictions is None:
            return  # the public: a ballot with the evaluation token its campaign issued
        named = bearer.jurisdictions or frozenset({self.served_code})
        if code not in named:
            raise OutsideJurisdiction(
                f"this token may not act in jurisdiction {code!r}", field="jurisdiction"
            )

    def application(self, code: str) -> AssessmentApplication:
        if code == self.served_code:
            return self.served
        self.place(code)  # UNKNOWN_JURISDICTION before anything is built
        assert self.jurisdictions is not None
        return self.jurisdictions.application(code)

    def counter(self, code: str) -> EventCounter:
        application = self.application(code)
        with self._lock:
            found = self._counters.get(code)
            if found is None:
                found = self._counters[code] = EventCounter(application.recorder)
            return found

    def place(self, code: str) -> Place:
        if self.jurisdictions is not None:
            try:
                return self.jurisdictions.place(code)
            except errors.NotFound:
                pass
        if code != self.served_code:
            raise UnknownJurisdiction(f"no jurisdiction {code!r} is served", field="jurisdiction")
        return Place(code, code, "county")  # a server of one jurisdiction, no registry

    def members(self, code: str) -> list[Member]:
        """The jurisdictions under `code` (a city's counties), each with its views."""
        if self.jurisdictions is None:
            return []
        return [
            Member(place.code, place.name, self.application(place.code))
            for place in self.jurisdictions.members(code)
        ]
