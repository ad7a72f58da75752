"""GraphQL enums spelled with the canonical names of DOMAIN.md §9 (`zero_base`,
`leader_in_charge`, …), so clients, code and rulebooks share one vocabulary.

Each is a copy of the domain's enum whose member names are its values (GraphQL names an
enum value by the member's name); `domain_value` turns one back into the domain's.
"""

from __future__ import annotations

from enum import Enum, StrEnum
from typing import Any, TypeVar

import strawberry

from domain import vocabulary as v
from domain.supervision.terms import CaseSource
from domain.targets.target import TargetStatus

E = TypeVar("E", bound=StrEnum)


def canonical(domain: type[StrEnum], name: str, description: str) -> Any:
    copy = Enum(name, {member.value: member.value for member in domain}, type=str)  # type: ignore[misc]
    return strawberry.enum(copy, description=description)


def domain_value(domain: type[E], value: Enum) -> E:
    return domain(value.value)


def api_value(api_enum: Any, value: StrEnum) -> Any:
    return api_enum(value.value)


Role = canonical(v.Role, "Role", "A user's role (DOMAIN.md §1): what they may see and do.")
TargetKind = canonical(v.TargetKind, "TargetKind", "common (共性) or individual (个性).")
TargetClass = canonical(
    v.TargetClass, "TargetClass", "key (重点), regular (常规) or adjustment (调剂)."
)
ScoringMode = canonical(
    v.ScoringMode,
    "ScoringMode",
    "zero_base (零基: only this year's new achievement) or continuous (连续: the plan).",
)
ReviewLevel = canonical(
    v.ReviewLevel,
    "ReviewLevel",
    "A level of the four-level review (四级联审), in order: business_department, "
    "assessment_office, leader_in_charge, leading_group.",
)
SanctionKind = canonical(
    v.SanctionKind,
    "SanctionKind",
    "reminder 提醒, interview 约谈, notification 通报批评, admonishment 诫勉, "
    "accountability 追责, yellow_card 黄牌警告 (doubles deductions), veto 一票否决.",
)
AttentionLevel = canonical(
    v.AttentionLevel,
    "AttentionLevel",
    "general 一般关注, attention 关注, key 重点关注, special 特别关注: sets how often "
    "progress is due.",
)
NoticeColour = canonical(
    v.NoticeColour,
    "NoticeColour",
    "red, yellow or blue supervision notice (督办单), or deadline (限期办结通知单).",
)
EvaluationKind = canonical(
    v.EvaluationKind,
    "EvaluationKind",
    "mutual 互评, democratic 民主测评, public 群众满意度, leadership 领导评价.",
)
CaseSourceKind = canonical(
    CaseSource,
    "CaseSource",
    "Where a supervised matter came from: higher_assignment, leader_instruction, "
    "assessment_finding, public_complaint, special_inspection.",
)
TargetStatusKind = canonical(
    TargetStatus,
    "TargetStatus",
    "proposed (in review), returned (to the proposer, with a reason), approved, withdrawn.",
)
Grade = canonical(v.Grade, "Grade", "excellent (优秀), good (良好) or general (一般).")
WarningLevel = canonical(
    v.WarningLevel,
    "WarningLevel",
    "How far a target lags behind its monthly schedule: none, bell (警铃), yellow (黄牌), "
    "red (红牌).",
)
