"""The facts a historic year's file may state, each the event a command records, and the
command's arguments validated against the command's own signature."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, get_type_hints

from pydantic import TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails

# fact (the event's name) → (the command that records it, arguments it implies)
FACTS: dict[str, tuple[str, dict[str, Any]]] = {
    "YearOpened": ("open_year", {}),
    "RulebookAdopted": ("adopt_rulebook", {}),
    "UnitRegistered": ("register_unit", {}),
    "UnitRenamed": ("rename_unit", {}),
    "UnitRecategorized": ("recategorize_unit", {}),
    "UnitLeadersChanged": ("change_unit_leaders", {}),
    "UnitEnrolled": ("enrol_unit", {}),
    "TargetProposed": ("propose_target", {}),
    "TargetApproved": ("review_target", {"approve": True}),
    "TargetReturned": ("review_target", {"approve": False}),
    "TargetResubmitted": ("resubmit_target", {}),
    "DynamicTargetAssigned": ("assign_dynamic_target", {}),
    "TargetRevised": ("revise_target", {}),
    "TargetWithdrawn": ("withdraw_target", {}),
    "TargetScored": ("score_target", {}),
    "ProgressReported": ("report_progress", {}),
    "ProgressVerified": ("verify_progress", {"approve": True}),
    "ProgressRejected": ("verify_progress", {"approve": False}),
    "PeriodClosed": ("close_period", {}),
    "BonusGranted": ("grant_bonus", {}),
    "BonusRevoked": ("revoke_bonus", {}),
    "RedFlagAwarded": ("award_red_flag", {}),
    "DeductionNoticeIssued": ("issue_deduction_notice", {}),
    "SanctionImposed": ("impose_sanction", {}),
    "SanctionRevoked": ("revoke_sanction", {}),
    "SelfCheckSubmitted": ("submit_self_check", {}),
    "CentralizedReviewHeld": ("hold_centralized_review", {}),
    "SpotCheckHeld": ("hold_spot_check", {}),
    "DemocraticEvaluationHeld": ("record_democratic_evaluation", {}),
    "ScoresAggregated": ("aggregate_scores", {}),
    "UnitsRanked": ("rank_units", {}),
    "PreliminaryReviewPassed": ("review_results_preliminarily", {"approve": True}),
    "PreliminaryReviewReturned": ("review_results_preliminarily", {"approve": False}),
    "ResultsAnnounced": ("announce_results", {}),
    "ObjectionRaised": ("raise_objection", {}),
    "ObjectionAnswered": ("answer_objection", {}),
    "ResultsDecided": ("decide_results", {}),
    "Finalized": ("finalize_year", {}),
}
_SET_BY_THE_IMPORT = frozenset({"by", "idempotency_key", "return"})


def arguments_of(method: Callable[..., Any], data: dict[str, Any]) -> dict[str, Any]:
    """`data` as the command's keyword arguments, each validated as its parameter's type;
    errors name the argument (`data.<name>.<path>`)."""
    adapters = _adapters(getattr(method, "__wrapped__", method))
    unknown = sorted(set(data) - set(adapters))
    errors: list[InitErrorDetails] = [
        {"type": "extra_forbidden", "loc": (name,), "input": data[name]} for name in unknown
    ]
    out: dict[str, Any] = {}
    for name, adapter in adapters.items():
        if name not in data:
            continue
        try:
            out[name] = adapter.validate_python(data[name])
        except ValidationError as exc:
            for error in exc.errors():
                errors.append(
                    {"type": "value_error", "loc": (name, *error["loc"]), "input": error["input"],
                     "ctx": {"error": error["msg"]}}
                )  # fmt: skip
    if errors:
        raise ValidationError.from_exception_data("arguments", errors)
    return out


@cache
def _adapters(function: Callable[..., Any]) -> dict[str, TypeAdapter[Any]]:
    hints = get_type_hints(function)
    return {
        name: TypeAdapter(kind) for name, kind in hints.items() if name not in _SET_BY_THE_IMPORT
    }
