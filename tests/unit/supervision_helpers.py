"""A supervision case of the demo county's town T01, and each step of the case machine
taken by the role that takes it, with valid input (so only the machine can refuse it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from uuid import uuid4

from domain.events import Stamp
from domain.supervision.case import SupervisionCase
from domain.supervision.matter import CaseMatter, CaseReport
from domain.supervision.states import CaseStep
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel, NoticeColour, Role
from tests.unit.helpers import DEPARTMENT, JAN_6, OTHER_TOWN, TOWN, YEAR_ID, stamp, unit_user

DEADLINE = date(2025, 3, 31)
ENROLLED = frozenset({TOWN, OTHER_TOWN, DEPARTMENT})
MATTER = CaseMatter(
    title="饮马河流域畜禽养殖场偷排整治",
    requirement="3月底前完成全部养殖场排污口封堵并建立巡查台账",
    source=CaseSource.SPECIAL_INSPECTION,
    source_ref="督考办〔2025〕3号",
)
REPORT = CaseReport(narrative="已封堵排污口12个，剩余3个本周完成")


def supervision(at: datetime = JAN_6, reason: str | None = None) -> Stamp:
    return stamp(Role.SUPERVISION_OFFICE, at=at, reason=reason)


def opened_case(
    level: AttentionLevel = AttentionLevel.GENERAL, at: datetime = JAN_6
) -> SupervisionCase:
    case = SupervisionCase.open(
        id=uuid4(),
        year_id=YEAR_ID,
        matter=MATTER,
        attention_level=level,
        lead_unit=TOWN,
        cooperating_units=[DEPARTMENT],
        deadline=DEADLINE,
        target_id=None,
        enrolled=ENROLLED,
        stamp=supervision(at),
    )
    case.collect_events()
    return case


def _verify(passed: bool) -> Callable[[SupervisionCase, datetime], None]:
    def take(case: SupervisionCase, at: datetime) -> None:
        reason = None if passed else "现场核查仍有2处排污口未封堵"
        case.verify(passed=passed, stamp=stamp(Role.REVIEWER, at=at, reason=reason))

    return take


def _adjust(case: SupervisionCase, at: datetime) -> None:
    others = [level for level in AttentionLevel if level is not case.level]
    case.adjust_attention_level(level=others[0], stamp=supervision(at, reason="进展缓慢"))


STEPS: dict[CaseStep, Callable[[SupervisionCase, datetime], None]] = {
    CaseStep.ASSIGN: lambda c, at: c.assign(instructions="限3月底办结", stamp=supervision(at)),
    CaseStep.ISSUE_NOTICE: lambda c, at: c.issue_notice(
        colour=NoticeColour.YELLOW,
        text="进度滞后，黄色督办",
        complete_by=None,
        stamp=supervision(at),
    ),
    CaseStep.ADJUST_LEVEL: _adjust,
    CaseStep.COMMIT: lambda c, at: c.commit(
        promised_on=DEADLINE, measures="分片包干，倒排工期", stamp=unit_user(TOWN, at=at)
    ),
    CaseStep.REPORT_PROGRESS: lambda c, at: c.report_progress(
        report=REPORT, stamp=unit_user(TOWN, at=at)
    ),
    CaseStep.INSPECT: lambda c, at: c.inspect(
        visited_on=at.date(), findings="夜查发现1处偷排", stamp=supervision(at)
    ),
    CaseStep.REPORT_RECTIFICATION: lambda c, at: c.report_rectification(
        report=CaseReport(narrative="全部封堵完毕，台账建立"), stamp=unit_user(TOWN, at=at)
    ),
    CaseStep.PASS_VERIFICATION: _verify(True),
    CaseStep.FAIL_VERIFICATION: _verify(False),
    CaseStep.CLOSE: lambda c, at: c.close(stamp=supervision(at)),
    CaseStep.ESCALATE: lambda c, at: c.escalate(
        proposal="建议对分管负责人追责问责", persons=["李某"], stamp=supervision(at)
    ),
}


def take(case: SupervisionCase, *steps: CaseStep, at: datetime = JAN_6) -> None:
    for step in steps:
        STEPS[step](case, at)
    case.collect_events()
