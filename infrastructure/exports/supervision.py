"""The supervision ledger (督办台账) as a sheet: every case of the year per lead unit and
attention level, with its state, deadline, days overdue and progress reports missed as
the supervision ledger view holds them (projections/supervision_ledger.py), never
recomputed here. Units in code order; within a unit, as the view orders them: the
overdue first, then by deadline."""

from __future__ import annotations

from uuid import UUID

from application.app import AssessmentApplication
from domain import errors
from domain.unit import Unit
from infrastructure.exports.sheets import Sheet

LEVELS = {"general": "一般关注", "attention": "关注", "key": "重点关注", "special": "特别关注"}
STATUSES = {"open": "在办", "overdue": "逾期", "escalated": "已提请问责", "closed": "已销号"}
STATES = {
    "opened": "立项", "assigned": "交办", "committed": "承诺", "in_progress": "办理中",
    "rectified": "整改报告", "verified": "核查", "closed": "销号", "escalated": "问责建议",
}  # fmt: skip
SOURCES = {
    "higher_assignment": "上级交办", "leader_instruction": "领导批示", "assessment_finding":
    "考核发现问题", "public_complaint": "群众投诉", "special_inspection": "专项督查",
}  # fmt: skip
HEADER = (
    "单位代码", "单位", "督办级别", "督办事项", "来源", "状态", "办理阶段", "办结时限",
    "逾期天数", "未报进展次数", "督办单数", "立项时间", "办结时间", "事项编号",
)  # fmt: skip


def supervision_ledger_sheet(
    app: AssessmentApplication,
    *,
    year: int,
    unit_id: UUID | None = None,
    level: str | None = None,
    status: str | None = None,
) -> Sheet:
    """The year's cases (only a lead unit's, a level's or a status's when given); a year
    the store does not hold is refused (NOT_FOUND, field year), as the ranking's is."""
    app.year(year)
    cases = app.supervision_ledger(year=year, unit_id=unit_id, level=level, status=status)
    names = _unit_names(app, year, {case.unit_id for case in cases})
    cases.sort(key=lambda case: names[case.unit_id][0])  # stable: the view's order within
    rows: list[tuple[object, ...]] = [
        (
            *names[case.unit_id],
            LEVELS.get(case.level, case.level),
            case.title,
            SOURCES.get(case.source, case.source),
            STATUSES.get(case.status, case.status),
            STATES.get(case.state, case.state),
            case.deadline.isoformat(),
            case.overdue_days,
            case.missed_reports,
            case.notices,
            case.opened_at[:10],
            (case.ended_at or "")[:10],
            case.case_id,
        )
        for case in cases
    ]
    return Sheet(f"{year}年度督办台账", HEADER, rows)


def _unit_names(app: AssessmentApplication, year: int, ids: set[str]) -> dict[str, tuple[str, str]]:
    """Each lead unit's code and name in the year, read once per unit."""
    found: dict[str, tuple[str, str]] = {}
    for unit_id in sorted(ids):
        try:
            unit = app.read(Unit, UUID(unit_id), field="unit_id")
        except errors.NotFound:
            found[unit_id] = (unit_id, "")
            continue
        found[unit_id] = (unit.code, unit.name_in(year) if unit.existed_in(year) else unit.code)
    return found
