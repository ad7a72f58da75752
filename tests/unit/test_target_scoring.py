"""A reviewer's score of a qualitative target (审核评分): the number is the fact, so it is
taken only for an approved qualitative target, with a reason, within 0..out_of."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from domain import errors
from domain.events import Stamp
from domain.targets.target_list import TargetList
from domain.vocabulary import Role
from tests.builders import qualitative, quantitative
from tests.unit.helpers import TOWN, approved, event_names, refused, stamp, target_list, unit_user

BECAUSE = "制度建设节点全部完成，台账规范"


def _reviewer(reason: str | None = BECAUSE) -> Stamp:
    return stamp(Role.REVIEWER, reason=reason)


def _qualitative() -> tuple[TargetList, UUID]:
    targets = target_list()
    return targets, approved(targets, qualitative())


def test_a_reviewer_scores_an_approved_qualitative_target() -> None:
    targets, target_id = _qualitative()
    targets.score(target_id=target_id, score=Decimal(8), out_of=Decimal(10), stamp=_reviewer())
    assert event_names(targets) == ["TargetScored"]
    target = targets.target(target_id)
    assert (target.score, target.score_out_of) == (8, 10)


@pytest.mark.parametrize("score", ["0", "10"])
def test_a_score_may_be_anything_from_zero_to_full_marks(score: str) -> None:
    targets, target_id = _qualitative()
    targets.score(target_id=target_id, score=Decimal(score), out_of=Decimal(10), stamp=_reviewer())
    assert targets.target(target_id).score == Decimal(score)


@pytest.mark.parametrize("score", ["-0.5", "10.01", "NaN", "Infinity"])
def test_a_score_outside_zero_to_full_marks_is_refused(score: str) -> None:
    targets, target_id = _qualitative()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "score"):
        targets.score(
            target_id=target_id, score=Decimal(score), out_of=Decimal(10), stamp=_reviewer()
        )


@pytest.mark.parametrize("out_of", ["0", "-10", "NaN"])
def test_full_marks_are_a_number_above_zero(out_of: str) -> None:
    targets, target_id = _qualitative()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "out_of"):
        targets.score(
            target_id=target_id, score=Decimal(0), out_of=Decimal(out_of), stamp=_reviewer()
        )


def test_a_score_needs_a_reason() -> None:
    targets, target_id = _qualitative()
    with refused(targets, errors.InvalidInput, "INVALID_INPUT", "reason"):
        targets.score(
            target_id=target_id, score=Decimal(8), out_of=Decimal(10), stamp=_reviewer(None)
        )


@pytest.mark.parametrize("role", [Role.UNIT, Role.ASSESSMENT_OFFICE, Role.LEADER])
def test_only_a_reviewer_scores(role: Role) -> None:
    targets, target_id = _qualitative()
    with refused(targets, errors.Forbidden, "FORBIDDEN", "by.role"):
        targets.score(
            target_id=target_id,
            score=Decimal(8),
            out_of=Decimal(10),
            stamp=stamp(role, unit=TOWN, reason=BECAUSE),
        )


def test_a_quantitative_target_is_scored_by_its_numbers_not_a_reviewer() -> None:
    targets = target_list()
    target_id = approved(targets, quantitative())
    with refused(targets, errors.TargetStateInvalid, "TARGET_STATE_INVALID", "target_id"):
        targets.score(target_id=target_id, score=Decimal(8), out_of=Decimal(10), stamp=_reviewer())


def test_a_target_still_under_review_is_not_scored() -> None:
    targets = target_list()
    waiting = targets.propose(spec=qualitative(), stamp=unit_user(TOWN))
    with refused(targets, errors.TargetNotApproved, "TARGET_NOT_APPROVED", "target_id"):
        targets.score(target_id=waiting, score=Decimal(8), out_of=Decimal(10), stamp=_reviewer())
