"""Domain errors: every broken rule has a stable machine code and names the field.

The codes are part of the public API (GraphQL error extensions, CLI exit messages);
renaming one is a breaking change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class DomainError(Exception):
    """A command broke a business rule; nothing was stored."""

    code: str = "DOMAIN_RULE_BROKEN"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" + (f" (field: {self.field})" if self.field else "")


def _error(name: str, code: str, doc: str) -> type[DomainError]:
    return type(name, (DomainError,), {"code": code, "__doc__": doc})


InvalidInput = _error("InvalidInput", "INVALID_INPUT", "A value is malformed or out of range.")
NotFound = _error("NotFound", "NOT_FOUND", "The referenced thing does not exist.")
AlreadyExists = _error("AlreadyExists", "ALREADY_EXISTS", "The thing to create already exists.")
Forbidden = _error("Forbidden", "FORBIDDEN", "The actor's role or unit may not do this.")
Conflict = _error(
    "Conflict", "CONFLICT", "Another command changed the same aggregate; retry with fresh state."
)
IdempotencyKeyReused = _error(
    "IdempotencyKeyReused",
    "IDEMPOTENCY_KEY_REUSED",
    "The idempotency key was used before with a different input.",
)
YearNotOpen = _error("YearNotOpen", "YEAR_NOT_OPEN", "The assessment year is not open.")
YearFinalized = _error(
    "YearFinalized",
    "YEAR_FINALIZED",
    "The year is finalized: only an amendment with a reason may change it.",
)
RulebookNotAdopted = _error(
    "RulebookNotAdopted", "RULEBOOK_NOT_ADOPTED", "The year has no rulebook adopted yet."
)
RulebookInvalid = _error("RulebookInvalid", "RULEBOOK_INVALID", "The rulebook document is invalid.")
PeriodOutOfOrder = _error(
    "PeriodOutOfOrder", "PERIOD_OUT_OF_ORDER", "Periods close one after another, in order."
)
PeriodClosed = _error("PeriodClosed", "PERIOD_CLOSED", "The period is closed.")
PeriodNotStarted = _error(
    "PeriodNotStarted", "PERIOD_NOT_STARTED", "The period has not started yet."
)
UnitNotInYear = _error(
    "UnitNotInYear", "UNIT_NOT_IN_YEAR", "The unit did not exist or is not assessed that year."
)
UnitDissolved = _error("UnitDissolved", "UNIT_DISSOLVED", "The unit was split or merged away.")
UnknownCategory = _error(
    "UnknownCategory", "UNKNOWN_CATEGORY", "The category is not one the rulebook ranks."
)
TargetWeightsExceedTotal = _error(
    "TargetWeightsExceedTotal",
    "TARGET_WEIGHTS_EXCEED_TOTAL",
    "Approved target weights would exceed the rulebook's total.",
)
TargetWeightsIncomplete = _error(
    "TargetWeightsIncomplete",
    "TARGET_WEIGHTS_INCOMPLETE",
    "Approved target weights must equal the rulebook's total.",
)
ReviewOutOfOrder = _error(
    "ReviewOutOfOrder", "REVIEW_OUT_OF_ORDER", "Review levels are passed in order."
)
TargetNotApproved = _error(
    "TargetNotApproved", "TARGET_NOT_APPROVED", "The target is not approved and assigned."
)
TargetStateInvalid = _error(
    "TargetStateInvalid", "TARGET_STATE_INVALID", "The target is not in a state that allows this."
)
ReportStateInvalid = _error(
    "ReportStateInvalid", "REPORT_STATE_INVALID", "The progress report does not allow this now."
)
RedFlagLimitReached = _error(
    "RedFlagLimitReached",
    "RED_FLAG_LIMIT_REACHED",
    "The month's red flags for that slot are already awarded.",
)
SanctionStateInvalid = _error(
    "SanctionStateInvalid", "SANCTION_STATE_INVALID", "The sanction does not allow this now."
)
BonusStateInvalid = _error(
    "BonusStateInvalid", "BONUS_STATE_INVALID", "The bonus does not allow this now."
)
PeriodNotEnded = _error(
    "PeriodNotEnded", "PERIOD_NOT_ENDED", "A month can be closed only after it has ended."
)
NotEnrolled = _error(
    "NotEnrolled", "NOT_ENROLLED", "The unit is not enrolled in the assessment year."
)
CaseStateInvalid = _error(
    "CaseStateInvalid",
    "CASE_STATE_INVALID",
    "The supervision case's state does not allow this step (the case machine, DOMAIN.md §9).",
)
YearEndStepOutOfOrder = _error(
    "YearEndStepOutOfOrder",
    "YEAR_END_STEP_OUT_OF_ORDER",
    "The year-end workflow's steps are taken one after another, in order (DOMAIN.md §6).",
)
ObjectionPeriodOver = _error(
    "ObjectionPeriodOver",
    "OBJECTION_PERIOD_OVER",
    "Objections are raised only while the announced results' objection period runs.",
)
ObjectionStateInvalid = _error(
    "ObjectionStateInvalid", "OBJECTION_STATE_INVALID", "The objection does not allow this now."
)
ObjectionsUnanswered = _error(
    "ObjectionsUnanswered",
    "OBJECTIONS_UNANSWERED",
    "Every objection is answered before the committee decides.",
)
CampaignClosed = _error("CampaignClosed", "CAMPAIGN_CLOSED", "The evaluation campaign is closed.")
AlreadyEvaluated = _error(
    "AlreadyEvaluated",
    "ALREADY_EVALUATED",
    "The evaluator already submitted in this campaign: once per evaluator and campaign.",
)
SelfEvaluationRefused = _error(
    "SelfEvaluationRefused",
    "SELF_EVALUATION_REFUSED",
    "In a mutual evaluation a unit never rates itself.",
)
TokenInvalid = _error(
    "TokenInvalid", "TOKEN_INVALID", "The evaluation token was not issued for this campaign."
)
TokenUsed = _error("TokenUsed", "TOKEN_USED", "The evaluation token has already submitted.")
LogIntegrityBroken = _error(
    "LogIntegrityBroken",
    "LOG_INTEGRITY_BROKEN",
    "The event log's hash chain or a published digest does not verify (DOMAIN.md §7).",
)


@dataclass(frozen=True)
class RowProblem:
    """One bad row (or the header, row 1) of an imported table, and the field at fault."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.field}: {self.message}"


# Named like its siblings (TargetWeightsExceedTotal, ...), which carry no Error suffix.
class ImportRejected(DomainError):  # noqa: N818
    """An imported table had bad rows: nothing of it was stored, every problem is named."""

    code = "IMPORT_REJECTED"

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        listed = "; ".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s), nothing imported: {listed}", field="table")
        self.problems = tuple(problems)
