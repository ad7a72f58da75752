"""Stored rows of supervision cases, evaluation campaigns and special assessments
straight into the scoring fold (see `rows.py`): the few fields each primitive needs,
ids as text, decimals and dates parsed from the strings the mapper wrote."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from domain.evaluations.campaign import EvaluationCampaign
from domain.scoring.fold import Folder
from domain.special.assessment import SpecialAssessment
from domain.supervision.case import SupervisionCase

Fields = dict[str, Any]
Decode = Callable[[Folder, str, int, Fields], None]
Case, Campaign = SupervisionCase, EvaluationCampaign

_at = datetime.fromisoformat


def _scale(d: Fields) -> tuple[Decimal, Decimal]:
    return Decimal(d["scale"]["lowest"]), Decimal(d["scale"]["highest"])


def _case_opened(f: Folder, i: str, v: int, d: Fields) -> None:
    case = (d["lead_unit"], date.fromisoformat(d["deadline"]), d["attention_level"], d["target_id"])
    f.case_opened((i, v), d["year_id"], case, _at(d["timestamp"]))


def _ballot(f: Folder, i: str, v: int, d: Fields) -> None:
    scores = [(s["unit_id"], Decimal(s["score"])) for s in d["scores"]]
    f.ballot_submitted((i, v), scores, _at(d["timestamp"]))


def _imported(f: Folder, i: str, v: int, d: Fields) -> None:
    scores = {r["unit_id"]: Decimal(r["score"]) for r in d["results"]}
    when = (_at(d["timestamp"]), d["meta"]["effective_period"])
    f.special_imported((i, v), _scale(d), scores, when)


BY_CLASS: dict[type, Decode] = {
    Case.Opened: _case_opened,
    Case.AttentionLevelAdjusted: lambda f, i, v, d: f.case_relevelled(
        (i, v), d["level"], _at(d["timestamp"])
    ),
    Case.RectificationReported: lambda f, i, v, d: f.case_rectified((i, v), _at(d["timestamp"])),
    Case.VerificationPassed: lambda f, i, v, d: f.case_verified((i, v), True, _at(d["timestamp"])),
    Case.VerificationFailed: lambda f, i, v, d: f.case_verified((i, v), False, _at(d["timestamp"])),
    Case.Escalated: lambda f, i, v, d: f.case_escalated(
        (i, v), (_at(d["timestamp"]), d["meta"]["effective_period"])
    ),
    Campaign.Opened: lambda f, i, v, d: f.campaign_opened(
        (i, v), d["year_id"], d["kind"], _scale(d), _at(d["timestamp"])
    ),
    Campaign.BallotSubmitted: _ballot,
    Campaign.PublicBallotSubmitted: _ballot,
    Campaign.Closed: lambda f, i, v, d: f.campaign_closed(
        (i, v), (_at(d["timestamp"]), d["meta"]["effective_period"])
    ),
    SpecialAssessment.Registered: lambda f, i, v, d: f.special_registered(
        (i, v), d["year_id"], (d["key"], d["name"]), _at(d["timestamp"])
    ),
    SpecialAssessment.ResultsImported: _imported,
}
