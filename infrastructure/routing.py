"""The registry of jurisdictions as the API routes requests by it (api/jurisdiction_routing.py):
each jurisdiction's place in the hierarchy, and its application, built on first use."""

from __future__ import annotations

from api.jurisdiction_routing import Place
from application.app import AssessmentApplication
from infrastructure.jurisdictions import Jurisdiction, JurisdictionApplications, Registry


class RegistryJurisdictions:
    """`api.jurisdiction_routing.Jurisdictions` over a registry."""

    def __init__(self, registry: Registry, applications: JurisdictionApplications) -> None:
        self.registry, self.applications = registry, applications

    def place(self, code: str) -> Place:
        return _place(self.registry.get(code))  # NOT_FOUND, field `jurisdiction`

    def members(self, code: str) -> list[Place]:
        return [_place(child) for child in self.registry.children(code)]

    def application(self, code: str) -> AssessmentApplication:
        return self.applications(code)


def _place(jurisdiction: Jurisdiction) -> Place:
    return Place(jurisdiction.code, jurisdiction.name, jurisdiction.level, jurisdiction.parent)
