"""The canonical names of DOMAIN.md §9, shared by code, API and rulebooks."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    LEADER = "leader"  # 市级领导
    ASSESSMENT_OFFICE = "assessment_office"  # 考核管理
    SUPERVISION_OFFICE = "supervision_office"  # 督查督办
    REVIEWER = "reviewer"  # 审核评分
    UNIT = "unit"  # 承办单位
    INSPECTOR = "inspector"  # 电子监察 / 纪检
    PUBLIC = "public"  # 社会群众


class TargetKind(StrEnum):
    COMMON = "common"  # 共性
    INDIVIDUAL = "individual"  # 个性


class TargetClass(StrEnum):
    KEY = "key"  # 重点
    REGULAR = "regular"  # 常规
    ADJUSTMENT = "adjustment"  # 调剂


class ScoringMode(StrEnum):
    ZERO_BASE = "zero_base"  # 零基: only this year's new achievement
    CONTINUOUS = "continuous"  # 连续: completion of the plan


class ReviewLevel(StrEnum):
    """The four-level review (四级联审), in order."""

    BUSINESS_DEPARTMENT = "business_department"
    ASSESSMENT_OFFICE = "assessment_office"
    LEADER_IN_CHARGE = "leader_in_charge"
    LEADING_GROUP = "leading_group"


REVIEW_ORDER: tuple[ReviewLevel, ...] = tuple(ReviewLevel)


class WarningLevel(StrEnum):
    NONE = "none"
    BELL = "bell"  # 警铃
    YELLOW = "yellow"  # 黄牌
    RED = "red"  # 红牌


class SanctionKind(StrEnum):
    REMINDER = "reminder"  # 提醒
    INTERVIEW = "interview"  # 约谈
    NOTIFICATION = "notification"  # 通报批评
    ADMONISHMENT = "admonishment"  # 诫勉
    ACCOUNTABILITY = "accountability"  # 追责
    YELLOW_CARD = "yellow_card"  # 黄牌警告
    VETO = "veto"  # 一票否决


class AttentionLevel(StrEnum):
    GENERAL = "general"  # 一般关注
    ATTENTION = "attention"  # 关注
    KEY = "key"  # 重点关注
    SPECIAL = "special"  # 特别关注


class NoticeColour(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    BLUE = "blue"
    DEADLINE = "deadline"  # 限期办结通知单


class EvaluationKind(StrEnum):
    MUTUAL = "mutual"  # 互评
    DEMOCRATIC = "democratic"  # 民主测评
    PUBLIC = "public"  # 群众满意度
    LEADERSHIP = "leadership"  # 领导评价


class Grade(StrEnum):
    EXCELLENT = "excellent"  # 优秀
    GOOD = "good"  # 良好
    GENERAL = "general"  # 一般
