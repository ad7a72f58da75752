"""What every resolver may reach: the application of the request's jurisdiction, the read
caches built on its log, the acting user, read from the request's bearer token when
first asked for, and the request's reads of the views (its checkpoint and DataLoaders,
api/view_reads.py).

The token is checked against the jurisdiction (api/jurisdiction_routing.py) when the
actor or the application is first asked for, so no resolver reaches a jurisdiction's
store before the check."""

from __future__ import annotations

from strawberry.fastapi import BaseContext

from api.auth import bearer_of
from api.event_counter import EventCounter
from api.jurisdiction_routing import Router
from api.ports import TableReader
from api.settings import ApiSettings
from api.view_reads import ViewReads
from application.app import AssessmentApplication
from application.federation import Member
from application.views import Checkpoint
from domain.actors import Actor
from domain.errors import DomainError


class ApiContext(BaseContext):
    def __init__(
        self,
        router: Router,
        settings: ApiSettings,
        table_reader: TableReader,
        authorization: str | None = None,
        jurisdiction: str | None = None,
        *,
        latest: Checkpoint | None = None,
    ) -> None:
        super().__init__()
        self.router = router
        self.settings = settings
        self.table_reader = table_reader
        self.jurisdiction = jurisdiction or router.served_code
        self._authorization = authorization
        self._actor: Actor | None = None
        self._views: ViewReads | None = None
        self._latest = latest  # the views' latest, when read before (api/kept_answers.py)

    def actor(self) -> Actor:
        """The token's user (anonymous public without a token); UNAUTHENTICATED when
        the token does not verify, OUTSIDE_JURISDICTION when it may not act here."""
        if self._actor is None:
            bearer = bearer_of(self._authorization, self.settings.keys)
            self.router.check(bearer, self.jurisdiction)
            self._actor = bearer.actor
        return self._actor

    @property
    def application(self) -> AssessmentApplication:
        """The request's jurisdiction's application, once the token may act there."""
        self.actor()
        return self.router.application(self.jurisdiction)

    @property
    def event_counter(self) -> EventCounter:
        self.actor()
        return self.router.counter(self.jurisdiction)

    def members(self) -> list[Member]:
        """The jurisdictions under this one (a city's counties), each with its views."""
        self.actor()
        return self.router.members(self.jurisdiction)

    @property
    def views(self) -> ViewReads:
        """This request's reads of the views, made when first asked for."""
        if self._views is None:
            self._views = ViewReads(self.application, latest=self._latest)
        return self._views

    @property
    def routed_jurisdiction(self) -> str | None:
        """The request's jurisdiction when this server routes it (the served one or a
        registered code), else None: a metric label, never the path's raw text."""
        try:
            self.router.place(self.jurisdiction)
        except DomainError:
            return None
        return self.jurisdiction

    @property
    def known_actor(self) -> Actor | None:
        """The actor, if a resolver has asked for it (for the request's log line)."""
        return self._actor
