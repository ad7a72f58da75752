"""How a target's completion becomes points, month by month (DOMAIN.md §4).

Quantitative: the latest verified cumulative value, linear to the annual goal, clamped
to [0, overachievement cap]; continuous targets (连续) count value / goal, zero-base
targets (零基) count only the new achievement above the baseline. Qualitative: a
reviewer's score when there is one, else the share of milestones verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.rulebook.model import Rulebook
from domain.scoring.facts import RawRef, ReportFact, TargetFact
from domain.scoring.lines import Line
from domain.scoring.rounding import Round
from domain.targets.spec import Qualitative, Quantitative
from domain.vocabulary import ScoringMode

ZERO = Decimal(0)
MONTHS = range(1, 13)


@dataclass(slots=True)
class TargetScore:
    monthly: list[Decimal]  # points as of the end of month m, at index m (index 0 unused)
    line: Line  # the year's line: the state at the end of December


def score_target(target: TargetFact, rulebook: Rulebook, round_: Round) -> TargetScore:
    if isinstance(target.spec.measure, Quantitative):
        return _quantitative(target, target.spec.measure, rulebook, round_)
    return _qualitative(target, target.spec.measure, rulebook, round_)


def completion_of(
    measure: Quantitative, mode: ScoringMode, value: Decimal, cap: Decimal
) -> Decimal:
    if mode is ScoringMode.ZERO_BASE:
        ratio = (value - measure.baseline) / (measure.annual_goal - measure.baseline)
    else:
        ratio = value / measure.annual_goal
    return min(max(ratio, ZERO), cap)


def _quantitative(
    target: TargetFact, measure: Quantitative, rulebook: Rulebook, round_: Round
) -> TargetScore:
    clause = rulebook.completion.quantitative
    mode = target.spec.scoring_mode
    monthly, points, used = [ZERO] * 13, ZERO, None
    for month in MONTHS:
        report = target.reports.get(month)
        if report is not None and report.status == "verified" and report.value is not None:
            used = report
            completion = completion_of(measure, mode, report.value, clause.overachievement_cap)
            points = round_(target.weight * completion)
        monthly[month] = points
    mode_clause = (
        rulebook.completion.zero_base
        if mode is ScoringMode.ZERO_BASE
        else rulebook.completion.continuous
    )
    if used is None:
        detail = f"no verified report: {target.weight} × 0 ({mode_clause.id})"
        return TargetScore(monthly, _line(target, points, clause.id, (), detail))
    assert used.value is not None
    completion = completion_of(measure, mode, used.value, clause.overachievement_cap)
    detail = _quantitative_detail(target, measure, used.value, completion, mode_clause.id)
    return TargetScore(monthly, _line(target, points, clause.id, _refs(used), detail))


def _quantitative_detail(
    target: TargetFact, measure: Quantitative, value: Decimal, completion: Decimal, mode: str
) -> str:
    if target.spec.scoring_mode is ScoringMode.ZERO_BASE:
        ratio = f"({value} − {measure.baseline}) / ({measure.annual_goal} − {measure.baseline})"
    else:
        ratio = f"{value} / {measure.annual_goal}"
    return f"{target.weight} × min({ratio}, cap) = {target.weight} × {completion:.4f} ({mode})"


def _qualitative(
    target: TargetFact, measure: Qualitative, rulebook: Rulebook, round_: Round
) -> TargetScore:
    keys = frozenset(m.key for m in measure.milestones)
    done: set[str] = set()
    refs: list[RawRef] = []
    monthly, points = [ZERO] * 13, ZERO
    score = target.score
    for month in MONTHS:
        report = target.reports.get(month)
        if report is not None and report.status == "verified":
            fresh = keys.intersection(report.milestones) - done
            if fresh:
                done |= fresh
                refs.extend(_refs(report))
                points = round_(target.weight * len(done) / len(keys))
        if score is not None and score[3] <= month:
            points = round_(target.weight * score[0] / score[1])
        monthly[month] = points
    if score is not None:
        detail = f"{target.weight} × {score[0]} / {score[1]} (reviewer score)"
        line = _line(target, points, rulebook.completion.reviewer_score.id, (score[2],), detail)
        return TargetScore(monthly, line)
    detail = f"{target.weight} × {len(done)} / {len(keys)} milestones verified"
    line = _line(target, points, rulebook.completion.milestones.id, tuple(refs), detail)
    return TargetScore(monthly, line)


def _refs(report: ReportFact) -> tuple[RawRef, ...]:
    return (report.reported,) if report.verified is None else (report.reported, report.verified)


def _line(
    target: TargetFact, points: Decimal, clause_id: str, refs: tuple[RawRef, ...], detail: str
) -> Line:
    behind = ((target.assigned,) if target.assigned else ()) + refs
    title = f"target {target.number} «{target.spec.title}»: {detail}"
    return Line("target", points, clause_id, behind, title, target_id=target.id)
