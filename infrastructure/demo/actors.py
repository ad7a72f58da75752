"""The people who act in a demo year, each in the role the commands require."""

from __future__ import annotations

from uuid import UUID

from domain.actors import Actor
from domain.vocabulary import ReviewLevel, Role

OFFICE = Actor(user_id="office-li", role=Role.ASSESSMENT_OFFICE)  # 考核办
TOWN_REVIEWER = Actor(user_id="reviewer-wang", role=Role.REVIEWER)
DEPARTMENT_REVIEWER = Actor(user_id="reviewer-liu", role=Role.REVIEWER)
LEADER_IN_CHARGE = Actor(user_id="leader-zhao", role=Role.LEADER)  # 分管县领导
LEADING_GROUP = Actor(user_id="leading-group-sun", role=Role.LEADER)  # 考核领导小组
SUPERVISION = Actor(user_id="supervision-chen", role=Role.SUPERVISION_OFFICE)  # 督查室
SECRETARY = Actor(user_id="secretary-zhou", role=Role.LEADER)  # decides the year's result


def reviewer(category: str) -> Actor:
    return TOWN_REVIEWER if category == "town" else DEPARTMENT_REVIEWER


def review_actor(level: ReviewLevel, category: str) -> Actor:
    return {
        ReviewLevel.BUSINESS_DEPARTMENT: reviewer(category),
        ReviewLevel.ASSESSMENT_OFFICE: OFFICE,
        ReviewLevel.LEADER_IN_CHARGE: LEADER_IN_CHARGE,
        ReviewLevel.LEADING_GROUP: LEADING_GROUP,
    }[level]


def filler(code: str, unit_id: UUID) -> Actor:
    """The unit's filler (填报责任人), the only one who proposes and reports for it."""
    return Actor(user_id=f"filler-{code}", role=Role.UNIT, unit_id=unit_id)
