"""Evaluation campaigns through the application on both stores: ballots once per
evaluator, public tokens once each and anonymous, and nothing stored for a rejection."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import orjson
import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.actors import Actor
from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.evaluations.tokens import token_sha256
from domain.vocabulary import EvaluationKind, Role
from infrastructure.qr import EvaluationLinks
from tests.builders import OFFICE, YEAR, enrolled_unit, filler, open_year
from tests.scenarios import assert_rejected, event_count, topics

CITIZEN = Actor(user_id="anonymous", role=Role.PUBLIC)
SATISFACTION = Scale(lowest=Decimal(1), highest=Decimal(5))


@pytest.fixture
def units(app: AssessmentApplication) -> list[UUID]:
    open_year(app)
    return [enrolled_unit(app, code) for code in ("T01", "T02", "T03")]


def rate(*units: UUID, score: str = "4") -> list[UnitScore]:
    return [UnitScore(unit_id=unit, score=Decimal(score)) for unit in units]


def campaign(app: AssessmentApplication, units: list[UUID], kind: EvaluationKind) -> UUID:
    evaluators = Evaluators(units=units) if kind is EvaluationKind.MUTUAL else Evaluators()
    return app.open_campaign(
        year=YEAR,
        kind=kind,
        title="2025年度评价",
        scale=SATISFACTION,
        evaluated_units=units,
        evaluators=evaluators,
        by=OFFICE,
    )


def test_a_mutual_ballot_is_stored_once_and_a_unit_never_rates_itself(
    app: AssessmentApplication, units: list[UUID]
) -> None:
    first, second, third = units
    mutual = campaign(app, units, EvaluationKind.MUTUAL)

    def submit(scores: list[UnitScore], by: Actor) -> UUID:
        return app.submit_evaluation(campaign_id=mutual, scores=scores, by=by)

    assert_rejected(
        app,
        errors.SelfEvaluationRefused,
        "scores",
        lambda: submit(rate(first, second, third), filler(first)),
    )
    submit(rate(second, third), filler(first))
    assert_rejected(
        app, errors.AlreadyEvaluated, "by", lambda: submit(rate(second, third), filler(first))
    )
    assert_rejected(app, errors.Forbidden, "by", lambda: submit(rate(second, third), OFFICE))
    app.close_campaign(campaign_id=mutual, by=OFFICE)
    assert_rejected(
        app,
        errors.CampaignClosed,
        "campaign_id",
        lambda: submit(rate(first, third), filler(second)),
    )
    assert topics(app).count("BallotSubmitted") == 1


def test_a_public_token_submits_once_and_leaves_only_its_hash(
    app: AssessmentApplication, units: list[UUID]
) -> None:
    public = campaign(app, units, EvaluationKind.PUBLIC)
    before = event_count(app)
    batch = app.issue_evaluation_tokens(campaign_id=public, count=3, by=OFFICE)
    assert (batch.batch, len(batch.tokens), len(set(batch.tokens))) == (1, 3, 3)
    token = batch.tokens[0]
    app.submit_public_evaluation(campaign_id=public, token=token, scores=rate(units[0]), by=CITIZEN)
    assert_rejected(
        app,
        errors.TokenUsed,
        "token",
        lambda: app.submit_public_evaluation(
            campaign_id=public, token=token, scores=rate(units[1]), by=CITIZEN
        ),
    )
    stored = app.recorder.select_notifications(start=before + 1, limit=10)
    log = b"".join(n.state for n in stored)
    assert all(t.encode() not in log for t in batch.tokens)
    assert token_sha256(token).encode() in log
    ballot = orjson.loads(stored[-1].state)
    assert ballot["meta"]["actor_id"] == "public"
    assert ballot["meta"]["correlation_id"] is None
    links = EvaluationLinks("https://kaohe.example.gov.cn/evaluate")
    assert links.png(batch.tokens[1]).startswith(b"\x89PNG")


def test_rejected_token_commands_store_nothing(
    app: AssessmentApplication, units: list[UUID]
) -> None:
    public = campaign(app, units, EvaluationKind.PUBLIC)
    mutual = campaign(app, units, EvaluationKind.MUTUAL)
    assert_rejected(
        app,
        errors.InvalidInput,
        "idempotency_key",
        lambda: app.issue_evaluation_tokens(
            campaign_id=public, count=5, by=OFFICE, idempotency_key="print-run-1"
        ),
    )
    assert_rejected(
        app,
        errors.InvalidInput,
        "campaign_id",
        lambda: app.issue_evaluation_tokens(campaign_id=mutual, count=5, by=OFFICE),
    )
    assert_rejected(
        app,
        errors.TokenInvalid,
        "token",
        lambda: app.submit_public_evaluation(
            campaign_id=public, token="q" * 43, scores=rate(units[0]), by=CITIZEN
        ),
    )
    assert_rejected(
        app,
        errors.Forbidden,
        "by.role",
        lambda: app.submit_evaluation(campaign_id=mutual, scores=rate(*units), by=CITIZEN),
    )
    assert "TokensIssued" not in topics(app)


def test_open_campaign_rejected_for_a_stranger_or_by_a_unit(
    app: AssessmentApplication, units: list[UUID]
) -> None:
    def open_with(evaluated: list[UUID], by: Actor = OFFICE) -> UUID:
        return app.open_campaign(
            year=YEAR,
            kind=EvaluationKind.LEADERSHIP,
            title="领导评价",
            scale=SATISFACTION,
            evaluated_units=evaluated,
            evaluators=Evaluators(users=["leader-zhao"]),
            by=by,
        )

    assert_rejected(
        app, errors.NotEnrolled, "evaluated_units", lambda: open_with([*units, YEAR_ID_LIKE])
    )
    assert_rejected(app, errors.Forbidden, "by.role", lambda: open_with(units, filler(units[0])))
    assert_rejected(
        app,
        errors.NotFound,
        "campaign_id",
        lambda: app.close_campaign(campaign_id=units[0], by=OFFICE),
    )


YEAR_ID_LIKE = UUID("00000000-0000-4000-8000-000000000001")
