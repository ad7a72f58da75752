"""Decoded supervision-case, evaluation-campaign and special-assessment events → the
fold's primitives (see `handlers` for the rest)."""

from __future__ import annotations

from decimal import Decimal

from domain.evaluations.campaign import EvaluationCampaign
from domain.scoring.facts import Key
from domain.scoring.fold import Folder, Handler
from domain.scoring.fold_state import ref_of, when_of
from domain.special.assessment import SpecialAssessment
from domain.supervision.case import SupervisionCase


def _case_opened(f: Folder, e: SupervisionCase.Opened) -> None:
    case = (e.lead_unit, e.deadline, e.attention_level, e.target_id)
    f.case_opened(ref_of(e), e.year_id, case, e.timestamp)


def _relevelled(f: Folder, e: SupervisionCase.AttentionLevelAdjusted) -> None:
    f.case_relevelled(ref_of(e), e.level, e.timestamp)


def _rectified(f: Folder, e: SupervisionCase.RectificationReported) -> None:
    f.case_rectified(ref_of(e), e.timestamp)


def _passed(f: Folder, e: SupervisionCase.VerificationPassed) -> None:
    f.case_verified(ref_of(e), True, e.timestamp)


def _failed(f: Folder, e: SupervisionCase.VerificationFailed) -> None:
    f.case_verified(ref_of(e), False, e.timestamp)


def _escalated(f: Folder, e: SupervisionCase.Escalated) -> None:
    f.case_escalated(ref_of(e), when_of(e))


def _campaign_opened(f: Folder, e: EvaluationCampaign.Opened) -> None:
    scale = (e.scale.lowest, e.scale.highest)
    f.campaign_opened(ref_of(e), e.year_id, e.kind, scale, e.timestamp)


def _ballot(
    f: Folder, e: EvaluationCampaign.BallotSubmitted | EvaluationCampaign.PublicBallotSubmitted
) -> None:
    f.ballot_submitted(ref_of(e), [(s.unit_id, s.score) for s in e.scores], e.timestamp)


def _campaign_closed(f: Folder, e: EvaluationCampaign.Closed) -> None:
    f.campaign_closed(ref_of(e), when_of(e))


def _special_registered(f: Folder, e: SpecialAssessment.Registered) -> None:
    f.special_registered(ref_of(e), e.year_id, (e.key, e.name), e.timestamp)


def _special_imported(f: Folder, e: SpecialAssessment.ResultsImported) -> None:
    scores: dict[Key, Decimal] = {result.unit_id: result.score for result in e.results}
    f.special_imported(ref_of(e), (e.scale.lowest, e.scale.highest), scores, when_of(e))


WEIGHED: dict[type, Handler] = {
    SupervisionCase.Opened: _case_opened,
    SupervisionCase.AttentionLevelAdjusted: _relevelled,
    SupervisionCase.RectificationReported: _rectified,
    SupervisionCase.VerificationPassed: _passed,
    SupervisionCase.VerificationFailed: _failed,
    SupervisionCase.Escalated: _escalated,
    EvaluationCampaign.Opened: _campaign_opened,
    EvaluationCampaign.BallotSubmitted: _ballot,
    EvaluationCampaign.PublicBallotSubmitted: _ballot,
    EvaluationCampaign.Closed: _campaign_closed,
    SpecialAssessment.Registered: _special_registered,
    SpecialAssessment.ResultsImported: _special_imported,
}
