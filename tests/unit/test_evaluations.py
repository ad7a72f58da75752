"""Evaluation campaigns (评价): each evaluator submits once per campaign, a mutual
evaluation (互评) never lets a unit rate itself, and the public's satisfaction (群众满意度)
is by anonymous token: a token submits once and nothing but its hash is stored."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import errors
from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.evaluations.campaign import EvaluationCampaign
from domain.evaluations.tokens import token_sha256
from domain.events import Stamp
from domain.vocabulary import EvaluationKind, Role
from tests.unit.helpers import (
    DEPARTMENT,
    OTHER_TOWN,
    TOWN,
    YEAR_ID,
    event_names,
    office,
    refused,
    stamp,
    unit_user,
)

UNITS = [TOWN, OTHER_TOWN, DEPARTMENT]
HUNDRED = Scale(lowest=Decimal(0), highest=Decimal(100), step=Decimal("0.5"))
SATISFACTION = Scale(lowest=Decimal(1), highest=Decimal(5))  # 非常不满意 … 非常满意
K = EvaluationKind


def campaign(
    kind: K, evaluators: Evaluators | None = None, scale: Scale = HUNDRED
) -> EvaluationCampaign:
    opened = EvaluationCampaign.open(
        id=uuid4(),
        year_id=YEAR_ID,
        kind=kind,
        title="2025年度评价",
        scale=scale,
        evaluated_units=UNITS,
        evaluators=evaluators or Evaluators(),
        enrolled=set(UNITS),
        stamp=office(),
    )
    opened.collect_events()
    return opened


def scores(*units: object, score: str = "90") -> list[UnitScore]:
    return [UnitScore(unit_id=u, score=Decimal(score)) for u in units]  # type: ignore[arg-type]


def mutual() -> EvaluationCampaign:
    return campaign(K.MUTUAL, Evaluators(units=UNITS))


def citizen() -> Stamp:
    return stamp(Role.PUBLIC)


def test_a_unit_rates_every_other_unit_once_in_a_mutual_evaluation() -> None:
    evaluation = mutual()
    evaluation.submit(scores=scores(OTHER_TOWN, DEPARTMENT), stamp=unit_user(TOWN))
    assert event_names(evaluation) == ["BallotSubmitted"]
    with refused(evaluation, errors.AlreadyEvaluated, "ALREADY_EVALUATED", "by"):
        evaluation.submit(scores=scores(OTHER_TOWN, DEPARTMENT), stamp=unit_user(TOWN))


def test_a_mutual_evaluation_never_lets_a_unit_rate_itself() -> None:
    evaluation = mutual()
    with refused(evaluation, errors.SelfEvaluationRefused, "SELF_EVALUATION_REFUSED", "scores"):
        evaluation.submit(scores=scores(TOWN, OTHER_TOWN, DEPARTMENT), stamp=unit_user(TOWN))


def test_a_named_ballot_rates_every_evaluated_unit_on_the_scale() -> None:
    evaluation = mutual()
    with refused(evaluation, errors.InvalidInput, "INVALID_INPUT", "scores"):
        evaluation.submit(scores=scores(OTHER_TOWN), stamp=unit_user(TOWN))
    for bad in ("100.5", "-1", "90.25"):
        with refused(evaluation, errors.InvalidInput, "INVALID_INPUT", "scores"):
            evaluation.submit(
                scores=scores(OTHER_TOWN, score="90") + scores(DEPARTMENT, score=bad),
                stamp=unit_user(TOWN),
            )
    with refused(evaluation, errors.InvalidInput, "INVALID_INPUT", "scores"):
        evaluation.submit(scores=scores(OTHER_TOWN, OTHER_TOWN), stamp=unit_user(TOWN))


def test_only_the_listed_evaluators_submit() -> None:
    leaders = campaign(K.LEADERSHIP, Evaluators(users=["leader-zhao"]))
    with refused(leaders, errors.Forbidden, "FORBIDDEN", "by"):
        leaders.submit(scores=scores(*UNITS), stamp=stamp(Role.LEADER))  # "leader-user"
    with refused(leaders, errors.Forbidden, "FORBIDDEN", "by.role"):
        leaders.submit(scores=scores(*UNITS), stamp=stamp(Role.INSPECTOR))
    zhao = Stamp(actor_id="leader-zhao", actor_role=Role.LEADER, at=office().at)
    leaders.submit(scores=scores(*UNITS), stamp=zhao)
    assert leaders.voted == {"user:leader-zhao"}


def test_a_democratic_evaluation_counts_representatives_and_units_once_each() -> None:
    democratic = campaign(K.DEMOCRATIC, Evaluators(units=[DEPARTMENT], users=["rep-wu"]))
    rep = Stamp(actor_id="rep-wu", actor_role=Role.REVIEWER, at=office().at)
    democratic.submit(scores=scores(*UNITS), stamp=rep)
    democratic.submit(scores=scores(*UNITS), stamp=unit_user(DEPARTMENT))
    assert democratic.voted == {"user:rep-wu", f"unit:{DEPARTMENT}"}


def test_no_ballot_after_the_campaign_closes() -> None:
    evaluation = mutual()
    evaluation.close(stamp=office())
    with refused(evaluation, errors.CampaignClosed, "CAMPAIGN_CLOSED", "campaign_id"):
        evaluation.submit(scores=scores(OTHER_TOWN, DEPARTMENT), stamp=unit_user(TOWN))
    with refused(evaluation, errors.CampaignClosed, "CAMPAIGN_CLOSED", "campaign_id"):
        evaluation.close(stamp=office())


@pytest.mark.parametrize(
    ("kind", "evaluators"),
    [
        (K.MUTUAL, Evaluators(users=["rep-wu"])),
        (K.LEADERSHIP, Evaluators(units=[TOWN])),
        (K.PUBLIC, Evaluators(users=["rep-wu"])),
        (K.DEMOCRATIC, Evaluators()),
    ],
)
def test_each_kind_names_its_own_evaluators(kind: K, evaluators: Evaluators) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "evaluators"):
        campaign(kind, evaluators)


def test_a_campaign_evaluates_assessed_units_on_a_bounded_scale() -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "scale"):
        campaign(K.PUBLIC, scale=Scale(lowest=Decimal(5), highest=Decimal(1)))
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "scale"):
        campaign(K.PUBLIC, scale=Scale(lowest=Decimal(0), highest=Decimal(10), step=Decimal(3)))
    with refused(None, errors.NotEnrolled, "NOT_ENROLLED", "evaluators.units"):
        campaign(K.MUTUAL, Evaluators(units=[uuid4()]))


def test_a_public_token_submits_once() -> None:
    public = campaign(K.PUBLIC, scale=SATISFACTION)
    [token, other] = public.issue_tokens(count=2, stamp=office())
    public.collect_events()
    public.submit_public(token=token, scores=scores(TOWN, score="5"), stamp=citizen())
    with refused(public, errors.TokenUsed, "TOKEN_USED", "token"):
        public.submit_public(token=token, scores=scores(DEPARTMENT, score="4"), stamp=citizen())
    public.submit_public(token=other, scores=scores(TOWN, DEPARTMENT, score="4"), stamp=citizen())
    assert public.used == {token_sha256(token), token_sha256(other)}


def test_a_token_not_issued_for_the_campaign_is_refused() -> None:
    public, elsewhere = campaign(K.PUBLIC, scale=SATISFACTION), campaign(K.PUBLIC)
    [foreign] = elsewhere.issue_tokens(count=1, stamp=office())
    for token in (foreign, "x" * 43, "short", "含中文的令牌" * 8):
        with refused(public, errors.TokenInvalid, "TOKEN_INVALID", "token"):
            public.submit_public(token=token, scores=scores(TOWN, score="5"), stamp=citizen())


def test_only_the_hashes_of_tokens_are_stored_and_a_public_ballot_names_no_one() -> None:
    public = campaign(K.PUBLIC, scale=SATISFACTION)
    tokens = public.issue_tokens(count=3, stamp=office())
    [issued] = public.collect_events()
    stored = issued.model_dump_json()
    assert all(token not in stored for token in tokens)
    assert issued.token_sha256 == [token_sha256(t) for t in tokens]  # type: ignore[attr-defined]
    assert len({len(t) for t in tokens}) == 1
    assert len(tokens[0]) >= 43  # 256 random bits, URL-safe
    asked = Stamp(
        actor_id="wx-openid-123",
        actor_role=Role.PUBLIC,
        acting_unit=TOWN,
        correlation_id="req-from-192.0.2.7",
        at=office().at,
    )
    public.submit_public(token=tokens[0], scores=scores(TOWN, score="4"), stamp=asked)
    [ballot] = public.collect_events()
    assert ballot.meta.model_dump() == {
        "actor_id": "public",
        "actor_role": Role.PUBLIC,
        "acting_unit": None,
        "effective_period": None,
        "reason": None,
        "correlation_id": None,
    }
    assert "wx-openid" not in ballot.model_dump_json()
    assert tokens[0] not in ballot.model_dump_json()


def test_tokens_are_for_public_campaigns_and_public_campaigns_for_tokens() -> None:
    evaluation, public = mutual(), campaign(K.PUBLIC)
    with refused(evaluation, errors.InvalidInput, "INVALID_INPUT", "campaign_id"):
        evaluation.issue_tokens(count=10, stamp=office())
    with refused(public, errors.InvalidInput, "INVALID_INPUT", "campaign_id"):
        public.submit(scores=scores(*UNITS), stamp=unit_user(TOWN))
    for count in (0, 5001):
        with refused(public, errors.InvalidInput, "INVALID_INPUT", "count"):
            public.issue_tokens(count=count, stamp=office())
    with refused(public, errors.Forbidden, "FORBIDDEN", "by.role"):
        public.issue_tokens(count=1, stamp=citizen())


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.lists(st.integers(0, 9), max_size=25))
def test_however_often_tokens_are_tried_each_counts_at_most_once(
    issued: int, tries: list[int]
) -> None:
    public = campaign(K.PUBLIC, scale=SATISFACTION)
    tokens = public.issue_tokens(count=issued, stamp=office())
    public.collect_events()
    accepted: set[str] = set()
    for pick in tries:
        token = tokens[pick] if pick < issued else f"{'z' * 40}{pick:03d}"
        try:
            public.submit_public(token=token, scores=scores(TOWN, score="3"), stamp=citizen())
        except (errors.TokenUsed, errors.TokenInvalid):
            assert token in accepted or token not in tokens
            continue
        assert token not in accepted
        accepted.add(token)
    ballots = [e for e in public.collect_events() if type(e).__name__ == "PublicBallotSubmitted"]
    assert len(ballots) == len(accepted) == len(public.used)
