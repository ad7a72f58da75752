"""The published tables, read from the views: a sheet is a title, a header and rows.

Laid out as the seeds' offices publish results (seed 000 南江县考核结果通报, seed 001
格尔木): category by category in the rulebook's order, each by rank — 类别, 排名, 单位,
得分, 等次 — and, for a ledger, every line behind each unit's score with the clause
applied and the events it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.app import AssessmentApplication

GRADES = {"excellent": "优秀", "good": "良好", "general": "一般"}
KINDS = {
    "target": "目标完成", "bonus": "加分", "bonus_cap": "加分封顶", "red_flag": "流动红旗",
    "sanction": "问责扣分", "deduction_notice": "督考通知单扣分", "late_report": "迟报扣分",
    "missing_report": "漏报扣分",
}  # fmt: skip


@dataclass(frozen=True)
class Sheet:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[object, ...]]


def ranking_sheet(
    app: AssessmentApplication, *, year: int, period: str, unit_id: UUID | None = None
) -> Sheet:
    """Every category's ranking, or only `unit_id`'s row (what a unit user may read)."""
    rows: list[tuple[object, ...]] = []
    for key, name in _categories(app, year):
        for row in app.ranking(year=year, period=period, category=key, unit_id=unit_id):
            change = "" if row.rank_change is None else f"{row.rank_change:+d}"
            rows.append((name, row.rank, row.code, row.name, row.score, _grade(row.grade), change))
    header = ("类别", "排名", "单位代码", "单位", "得分", "等次", "名次变化")
    return Sheet(f"{year}年{_period_name(period)}考核排名", header, rows)


def ledger_sheet(
    app: AssessmentApplication, *, year: int, unit_ids: list[UUID] | None = None
) -> Sheet:
    rows: list[tuple[object, ...]] = []
    for key, name in _categories(app, year):
        for ranked in app.ranking(year=year, period=str(year), category=key):
            unit = UUID(ranked.unit_id)
            if unit_ids is not None and unit not in unit_ids:
                continue
            ledger = app.unit_ledger(year=year, unit_id=unit)
            if ledger is None:
                continue
            for line in ledger.lines:
                rows.append((
                    name, ledger.rank, ledger.code, ledger.name, KINDS.get(line.kind, line.kind),
                    line.points, line.clause_id, line.detail, " ".join(line.event_ids),
                ))  # fmt: skip
            rows.append((name, ledger.rank, ledger.code, ledger.name, "合计", ledger.total,
                         ledger.grade_clause, _grade(ledger.grade), ""))  # fmt: skip
    header = ("类别", "排名", "单位代码", "单位", "项目", "分值", "依据条款", "说明", "依据事件")
    return Sheet(f"{year}年度考核得分台账", header, rows)


def _categories(app: AssessmentApplication, year: int) -> list[tuple[str, str]]:
    rulebook = app.rulebook_of(app.year(year))
    return [(category.key, category.name) for category in rulebook.categories]


def _grade(grade: str) -> str:
    return GRADES.get(grade, grade)


def _period_name(period: str) -> str:
    if "-Q" in period:
        return f"第{period[-1]}季度"
    if "-H" in period:
        return "上半年" if period.endswith("1") else "下半年"
    if "-" in period:
        return f"{int(period.split('-')[1])}月"
    return "年度"
