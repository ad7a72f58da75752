"""What every resolver may reach: the application, the read caches built on its log,
the acting user, read from the request's bearer token when first asked for, and the
request's reads of the views (its checkpoint and DataLoaders, api/view_reads.py)."""

from __future__ import annotations

from strawberry.fastapi import BaseContext

from api.auth import actor_of
from api.event_counter import EventCounter
from api.ports import TableReader
from api.settings import ApiSettings
from api.view_reads import ViewReads
from application.app import AssessmentApplication
from domain.actors import Actor


class ApiContext(BaseContext):
    def __init__(
        self,
        application: AssessmentApplication,
        event_counter: EventCounter,
        settings: ApiSettings,
        table_reader: TableReader,
        authorization: str | None = None,
    ) -> None:
        super().__init__()
        self.application = application
        self.event_counter = event_counter
        self.settings = settings
        self.table_reader = table_reader
        self._authorization = authorization
        self._actor: Actor | None = None
        self._views: ViewReads | None = None

    def actor(self) -> Actor:
        """The token's user (anonymous public without a token); UNAUTHENTICATED when
        the token does not verify."""
        if self._actor is None:
            self._actor = actor_of(self._authorization, self.settings.keys)
        return self._actor

    @property
    def views(self) -> ViewReads:
        """This request's reads of the views, made when first asked for."""
        if self._views is None:
            self._views = ViewReads(self.application)
        return self._views

    @property
    def known_actor(self) -> Actor | None:
        """The actor, if a resolver has asked for it (for the request's log line)."""
        return self._actor
