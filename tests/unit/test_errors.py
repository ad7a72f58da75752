"""Error codes are part of the API (GraphQL extensions, CLI messages): this table pins
them, so renaming one is a visible, deliberate breaking change."""

from __future__ import annotations

from domain import errors

STABLE_CODES = {
    "AlreadyEvaluated": "ALREADY_EVALUATED",
    "AlreadyExists": "ALREADY_EXISTS",
    "BonusStateInvalid": "BONUS_STATE_INVALID",
    "CampaignClosed": "CAMPAIGN_CLOSED",
    "CaseStateInvalid": "CASE_STATE_INVALID",
    "Conflict": "CONFLICT",
    "Forbidden": "FORBIDDEN",
    "IdempotencyKeyReused": "IDEMPOTENCY_KEY_REUSED",
    "LogIntegrityBroken": "LOG_INTEGRITY_BROKEN",
    "ImportRejected": "IMPORT_REJECTED",
    "InvalidInput": "INVALID_INPUT",
    "NotEnrolled": "NOT_ENROLLED",
    "NotFound": "NOT_FOUND",
    "ObjectionPeriodOver": "OBJECTION_PERIOD_OVER",
    "ObjectionStateInvalid": "OBJECTION_STATE_INVALID",
    "ObjectionsUnanswered": "OBJECTIONS_UNANSWERED",
    "PeriodClosed": "PERIOD_CLOSED",
    "PeriodNotEnded": "PERIOD_NOT_ENDED",
    "PeriodNotStarted": "PERIOD_NOT_STARTED",
    "PeriodOutOfOrder": "PERIOD_OUT_OF_ORDER",
    "RedFlagLimitReached": "RED_FLAG_LIMIT_REACHED",
    "ReportStateInvalid": "REPORT_STATE_INVALID",
    "ReviewOutOfOrder": "REVIEW_OUT_OF_ORDER",
    "RulebookInvalid": "RULEBOOK_INVALID",
    "RulebookNotAdopted": "RULEBOOK_NOT_ADOPTED",
    "SanctionStateInvalid": "SANCTION_STATE_INVALID",
    "SelfEvaluationRefused": "SELF_EVALUATION_REFUSED",
    "TargetNotApproved": "TARGET_NOT_APPROVED",
    "TargetStateInvalid": "TARGET_STATE_INVALID",
    "TargetWeightsExceedTotal": "TARGET_WEIGHTS_EXCEED_TOTAL",
    "TargetWeightsIncomplete": "TARGET_WEIGHTS_INCOMPLETE",
    "TokenInvalid": "TOKEN_INVALID",
    "TokenUsed": "TOKEN_USED",
    "UnitDissolved": "UNIT_DISSOLVED",
    "UnitNotInYear": "UNIT_NOT_IN_YEAR",
    "UnknownCategory": "UNKNOWN_CATEGORY",
    "YearFinalized": "YEAR_FINALIZED",
    "YearEndStepOutOfOrder": "YEAR_END_STEP_OUT_OF_ORDER",
    "YearNotOpen": "YEAR_NOT_OPEN",
}


def test_every_error_keeps_its_published_code() -> None:
    for name, code in STABLE_CODES.items():
        error = getattr(errors, name)
        assert issubclass(error, errors.DomainError)
        assert error.code == code


def test_no_two_errors_share_a_code() -> None:
    defined = [
        value.code
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.DomainError)
    ]
    assert len(defined) == len(set(defined))


def test_an_error_says_its_code_message_and_field() -> None:
    error = errors.TargetWeightsExceedTotal("approved weights would be 101", field="weight")
    assert str(error) == (
        "TARGET_WEIGHTS_EXCEED_TOTAL: approved weights would be 101 (field: weight)"
    )
    assert (error.message, error.field) == ("approved weights would be 101", "weight")


def test_a_rejected_import_names_every_bad_row_and_field() -> None:
    problems = [errors.RowProblem(7, "score", "120 is outside the range 0-100")]
    error = errors.ImportRejected(problems)
    assert (error.code, error.field, error.problems) == ("IMPORT_REJECTED", "table", (problems[0],))
    assert "row 7, score: 120 is outside the range 0-100" in str(error)
