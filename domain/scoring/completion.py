"""How a target's completion becomes points, month by month (DOMAIN.md §4).

Quantitative: the latest verified cumulative value, linear to the annual goal, clamped
to [0, overachievement cap]; continuous targets (连续) count value / goal, zero-base
targets (零基) count only the new achievement above the baseline. Qualitative: a
reviewer's score when there is one, else the share of milestones verified.

The completion itself is rulebook-free (`progress`); here it meets the rulebook's cap,
clauses and rounding.
"""

from __future__ import annotations

from decimal import Decimal

from domain.rulebook.model import Rulebook
from domain.scoring.facts import RawRef, TargetFact, TargetTerms
from domain.scoring.lines import Line
from domain.scoring.progress import ZERO, TargetProgress, report_refs
from domain.scoring.rounding import Round

MONTHS = range(1, 13)


def score_target(
    progress: TargetProgress, rulebook: Rulebook, round_: Round, steps: list[Decimal]
) -> Line:
    """The target's line for the year; adds the change of its points in each month to
    `steps` (index = month), so that a unit's monthly totals are prefix sums."""
    if progress.quantitative:
        return _quantitative(progress, rulebook, round_, steps)
    return _qualitative(progress, rulebook, round_, steps)


def _quantitative(
    progress: TargetProgress, rulebook: Rulebook, round_: Round, steps: list[Decimal]
) -> Line:
    target = progress.target
    cap, weight = rulebook.completion.quantitative.overachievement_cap, target.weight
    points = ZERO
    for step in progress.steps:
        now = round_(weight * min(max(step.ratio, ZERO), cap))
        steps[step.month] += now - points
        points = now
    terms = target.terms
    mode_clause = (
        rulebook.completion.zero_base if terms.zero_base else rulebook.completion.continuous
    )
    clause_id = rulebook.completion.quantitative.id
    if not progress.steps:
        detail = f"no verified report: {weight} × 0 ({mode_clause.id})"
        return _line(target, points, clause_id, (), detail)
    used = progress.steps[-1]
    assert used.report.value is not None
    completion = min(max(used.ratio, ZERO), cap)
    ratio = _ratio_words(terms, used.report.value)
    detail = f"{weight} × min({ratio}, cap) = {weight} × {completion:.4f} ({mode_clause.id})"
    return _line(target, points, clause_id, report_refs(used.report), detail)


def _ratio_words(terms: TargetTerms, value: Decimal) -> str:
    if terms.zero_base:
        return f"({value} − {terms.baseline}) / ({terms.annual_goal} − {terms.baseline})"
    return f"{value} / {terms.annual_goal}"


def _qualitative(
    progress: TargetProgress, rulebook: Rulebook, round_: Round, steps: list[Decimal]
) -> Line:
    """The milestone share until a reviewer's score, which replaces it from its month."""
    target, weight = progress.target, progress.target.weight
    keys = len(target.terms.milestones)
    score = target.score
    until = 13 if score is None else score[3]
    points = ZERO
    for month, done in progress.done:
        if month >= until:
            break
        now = round_(weight * done / keys)
        steps[month] += now - points
        points = now
    if score is not None:
        now = round_(weight * score[0] / score[1])
        steps[until] += now - points
        detail = f"{weight} × {score[0]} / {score[1]} (reviewer score)"
        clause_id = rulebook.completion.reviewer_score.id
        return _line(target, now, clause_id, (score[2],), detail)
    done = progress.done[-1][1] if progress.done else 0
    detail = f"{weight} × {done} / {keys} milestones verified"
    clause_id = rulebook.completion.milestones.id
    return _line(target, points, clause_id, progress.milestone_refs, detail)


def _line(
    target: TargetFact, points: Decimal, clause_id: str, refs: tuple[RawRef, ...], detail: str
) -> Line:
    behind = ((target.assigned,) if target.assigned else ()) + refs
    title = f"target {target.number} «{target.terms.title}»: {detail}"
    return Line("target", points, clause_id, behind, title, target_id=target.id)
