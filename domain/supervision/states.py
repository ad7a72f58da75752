"""The case machine (DOMAIN.md §9 case states): which step is allowed in which state, and
where it leads. Everything else is refused with CASE_STATE_INVALID and the state named."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from domain import errors


class CaseState(StrEnum):
    OPENED = "opened"  # 立项
    ASSIGNED = "assigned"  # 交办
    COMMITTED = "committed"  # 承诺
    IN_PROGRESS = "in_progress"
    RECTIFIED = "rectified"  # 整改报告
    VERIFIED = "verified"  # 核查
    CLOSED = "closed"  # 销号
    ESCALATED = "escalated"  # 问责建议


class CaseStep(StrEnum):
    ASSIGN = "assign"
    ISSUE_NOTICE = "issue_notice"
    ADJUST_LEVEL = "adjust_level"
    COMMIT = "commit"
    REPORT_PROGRESS = "report_progress"
    INSPECT = "inspect"
    REPORT_RECTIFICATION = "report_rectification"
    PASS_VERIFICATION = "pass_verification"
    FAIL_VERIFICATION = "fail_verification"
    CLOSE = "close"
    ESCALATE = "escalate"


S = CaseState
_UNDER_WAY = frozenset({S.ASSIGNED, S.COMMITTED, S.IN_PROGRESS, S.RECTIFIED})
_WORKING = frozenset({S.COMMITTED, S.IN_PROGRESS})

# step -> (states it is allowed in, the state it leads to; None keeps the state)
MACHINE: Mapping[CaseStep, tuple[frozenset[CaseState], CaseState | None]] = MappingProxyType(
    {
        CaseStep.ASSIGN: (frozenset({S.OPENED}), S.ASSIGNED),
        CaseStep.ISSUE_NOTICE: (_UNDER_WAY, None),
        CaseStep.ADJUST_LEVEL: (_UNDER_WAY | {S.OPENED}, None),
        CaseStep.COMMIT: (frozenset({S.ASSIGNED}), S.COMMITTED),
        CaseStep.REPORT_PROGRESS: (_WORKING, S.IN_PROGRESS),
        CaseStep.INSPECT: (_UNDER_WAY, None),
        CaseStep.REPORT_RECTIFICATION: (_WORKING, S.RECTIFIED),
        CaseStep.PASS_VERIFICATION: (frozenset({S.RECTIFIED}), S.VERIFIED),
        CaseStep.FAIL_VERIFICATION: (frozenset({S.RECTIFIED}), S.IN_PROGRESS),
        CaseStep.CLOSE: (frozenset({S.VERIFIED}), S.CLOSED),
        CaseStep.ESCALATE: (_UNDER_WAY, S.ESCALATED),
    }
)

FINAL_STATES = frozenset({S.CLOSED, S.ESCALATED})


def next_state(state: CaseState, step: CaseStep) -> CaseState:
    """The state `step` leads to from `state`, or CASE_STATE_INVALID."""
    allowed, to = MACHINE[step]
    if state not in allowed:
        expected = ", ".join(sorted(allowed))
        raise errors.CaseStateInvalid(
            f"a case that is {state} does not allow '{step}' (allowed when: {expected})",
            field="case_id",
        )
    return state if to is None else to
