"""What every resolver may reach: the application and the read caches built on its log."""

from __future__ import annotations

from strawberry.fastapi import BaseContext

from api.event_counter import EventCounter
from application.app import AssessmentApplication


class ApiContext(BaseContext):
    def __init__(self, application: AssessmentApplication, event_counter: EventCounter) -> None:
        super().__init__()
        self.application = application
        self.event_counter = event_counter
