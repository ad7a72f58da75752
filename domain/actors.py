"""Who acts, and which duties each role of seed 001's seven user types carries."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from domain.errors import Forbidden
from domain.vocabulary import ReviewLevel, Role


class Actor(BaseModel):
    """The person behind a command: user id, role and (for `unit` users) their unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    user_id: str
    role: Role
    unit_id: UUID | None = None


class Duty(StrEnum):
    OPEN_YEAR = "open_year"
    ADOPT_RULEBOOK = "adopt_rulebook"
    ENROL_UNIT = "enrol_unit"
    CLOSE_PERIOD = "close_period"
    FINALIZE_YEAR = "finalize_year"
    AMEND_YEAR = "amend_year"
    MANAGE_UNITS = "manage_units"
    PROPOSE_TARGET = "propose_target"
    ASSIGN_DYNAMIC_TARGET = "assign_dynamic_target"
    REVISE_TARGET = "revise_target"
    WITHDRAW_TARGET = "withdraw_target"
    SCORE_TARGET = "score_target"
    REPORT_PROGRESS = "report_progress"
    VERIFY_PROGRESS = "verify_progress"
    GRANT_BONUS = "grant_bonus"
    AWARD_RED_FLAG = "award_red_flag"
    ISSUE_DEDUCTION_NOTICE = "issue_deduction_notice"
    IMPOSE_SANCTION = "impose_sanction"
    REVOKE_SANCTION = "revoke_sanction"
    # Supervision cases (督办事项)
    OPEN_CASE = "open_case"
    ASSIGN_CASE = "assign_case"
    ISSUE_CASE_NOTICE = "issue_case_notice"
    ADJUST_ATTENTION_LEVEL = "adjust_attention_level"
    INSPECT_CASE = "inspect_case"
    ANSWER_CASE = "answer_case"
    VERIFY_RECTIFICATION = "verify_rectification"
    CLOSE_CASE = "close_case"
    ESCALATE_CASE = "escalate_case"
    # Evaluations (评价)
    RUN_EVALUATION = "run_evaluation"
    SUBMIT_EVALUATION = "submit_evaluation"
    SUBMIT_PUBLIC_EVALUATION = "submit_public_evaluation"
    # Special assessments (专项考核)
    IMPORT_SPECIAL_ASSESSMENT = "import_special_assessment"
    # The year-end workflow (三查三审一测评一公开)
    SUBMIT_SELF_CHECK = "submit_self_check"
    CONDUCT_YEAR_END = "conduct_year_end"
    REVIEW_RESULTS = "review_results"
    RAISE_OBJECTION = "raise_objection"
    ANSWER_OBJECTION = "answer_objection"
    DECIDE_RESULTS = "decide_results"
    # Integrity (DOMAIN.md §7)
    PUBLISH_LOG_DIGEST = "publish_log_digest"


_OFFICE = frozenset({Role.ASSESSMENT_OFFICE})
_SUPERVISION = frozenset({Role.SUPERVISION_OFFICE})

# One table, so the API's authorization matrix and the domain agree (DOMAIN.md §1).
DUTIES: dict[Duty, frozenset[Role]] = {
    Duty.OPEN_YEAR: _OFFICE,
    Duty.ADOPT_RULEBOOK: _OFFICE,
    Duty.ENROL_UNIT: _OFFICE,
    Duty.CLOSE_PERIOD: _OFFICE,
    Duty.FINALIZE_YEAR: frozenset({Role.LEADER}),
    Duty.AMEND_YEAR: frozenset({Role.ASSESSMENT_OFFICE, Role.LEADER}),
    Duty.MANAGE_UNITS: _OFFICE,
    Duty.PROPOSE_TARGET: frozenset({Role.UNIT, Role.ASSESSMENT_OFFICE}),
    Duty.ASSIGN_DYNAMIC_TARGET: _OFFICE,
    Duty.REVISE_TARGET: _OFFICE,
    Duty.WITHDRAW_TARGET: _OFFICE,
    Duty.SCORE_TARGET: frozenset({Role.REVIEWER}),
    Duty.REPORT_PROGRESS: frozenset({Role.UNIT}),
    Duty.VERIFY_PROGRESS: frozenset({Role.REVIEWER}),
    Duty.GRANT_BONUS: frozenset({Role.ASSESSMENT_OFFICE, Role.LEADER}),
    Duty.AWARD_RED_FLAG: _OFFICE,
    Duty.ISSUE_DEDUCTION_NOTICE: frozenset({Role.SUPERVISION_OFFICE, Role.ASSESSMENT_OFFICE}),
    Duty.IMPOSE_SANCTION: _SUPERVISION,
    Duty.REVOKE_SANCTION: _SUPERVISION,
    Duty.OPEN_CASE: _SUPERVISION,
    Duty.ASSIGN_CASE: _SUPERVISION,
    Duty.ISSUE_CASE_NOTICE: _SUPERVISION,
    Duty.ADJUST_ATTENTION_LEVEL: _SUPERVISION,
    Duty.INSPECT_CASE: _SUPERVISION,
    # The lead unit commits, reports progress and its rectification; only its own case.
    Duty.ANSWER_CASE: frozenset({Role.UNIT}),
    Duty.VERIFY_RECTIFICATION: frozenset({Role.REVIEWER, Role.SUPERVISION_OFFICE}),
    Duty.CLOSE_CASE: _SUPERVISION,
    Duty.ESCALATE_CASE: _SUPERVISION,
    Duty.RUN_EVALUATION: _OFFICE,
    # Who may submit a named ballot is the campaign's list of evaluators; these are the
    # roles such an evaluator can hold (inspectors only read, the public uses tokens).
    Duty.SUBMIT_EVALUATION: frozenset(set(Role) - {Role.INSPECTOR, Role.PUBLIC}),
    Duty.SUBMIT_PUBLIC_EVALUATION: frozenset({Role.PUBLIC}),
    Duty.IMPORT_SPECIAL_ASSESSMENT: _OFFICE,
    Duty.SUBMIT_SELF_CHECK: frozenset({Role.UNIT}),
    Duty.CONDUCT_YEAR_END: _OFFICE,
    Duty.REVIEW_RESULTS: frozenset({Role.LEADER}),
    Duty.RAISE_OBJECTION: frozenset({Role.UNIT}),
    Duty.ANSWER_OBJECTION: _OFFICE,
    Duty.DECIDE_RESULTS: frozenset({Role.LEADER}),
    # The office publishes the log's digests into the log. Inspectors hold no duty (they
    # only read): they compute digests themselves and keep them outside the store, which
    # is the stronger anchor (`dukao digest`, `dukao verify --against`).
    Duty.PUBLISH_LOG_DIGEST: _OFFICE,
}

# Which role may decide at each level of the four-level review (四级联审, seed 001):
# the business department's reviewer, the assessment office, the leader in charge,
# and the leading group, whose decision a leader records.
REVIEW_ROLES: dict[ReviewLevel, Role] = {
    ReviewLevel.BUSINESS_DEPARTMENT: Role.REVIEWER,
    ReviewLevel.ASSESSMENT_OFFICE: Role.ASSESSMENT_OFFICE,
    ReviewLevel.LEADER_IN_CHARGE: Role.LEADER,
    ReviewLevel.LEADING_GROUP: Role.LEADER,
}


def require_duty(role: Role, duty: Duty) -> None:
    if role not in DUTIES[duty]:
        raise Forbidden(f"role '{role}' may not {duty.replace('_', ' ')}", field="by.role")


def require_own_unit(role: Role, acting_unit: UUID | None, unit_id: UUID) -> None:
    """A `unit` user acts only for its own unit (DOMAIN.md §1)."""
    if role is Role.UNIT and acting_unit != unit_id:
        raise Forbidden("a unit user may act only for its own unit", field="unit_id")
