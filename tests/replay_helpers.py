"""A closed year to replay and a revised rulebook to replay it under, for the replay tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import yaml

from application.app import AssessmentApplication
from domain.rulebook.document import parse_rulebook
from domain.rulebook.model import Rulebook
from domain.vocabulary import SanctionKind
from infrastructure.clock import ManualClock
from tests.builders import LEADER, ROOT, SUPERVISION, YEAR, enrolled_unit, open_year
from tests.scenarios import finalized_year


def rulebook_document() -> dict[str, Any]:
    text = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document


def revised(notification_points: str, version: str = "what-if") -> Rulebook:
    """The standard rulebook with a harsher notification criticism (通报批评)."""
    document = rulebook_document()
    document["version"] = version
    for row in document["deductions"]["sanctions"]:
        if row["kind"] == "notification":
            row["points"] = notification_points
    return parse_rulebook(document)


def closed_year(app: AssessmentApplication, clock: ManualClock) -> dict[str, UUID]:
    """Three towns; one criticised, one granted a bonus; every month closed, finalized."""
    open_year(app)
    units = {code: enrolled_unit(app, code) for code in ("T01", "T02", "T03")}
    app.impose_sanction(
        year=YEAR,
        unit_id=units["T02"],
        kind=SanctionKind.NOTIFICATION,
        reason="会议缺席",
        article="第十条",
        by=SUPERVISION,
    )
    app.grant_bonus(
        year=YEAR,
        unit_id=units["T03"],
        points=Decimal("0.5"),
        reason="创新",
        basis="第十二条",
        by=LEADER,
    )
    finalized_year(app, clock, *units.values())
    return units
