"""After December closes: reviewers score the qualitative targets, and a leader
finalizes the year."""

from __future__ import annotations

from decimal import Decimal

from domain.targets.spec import Qualitative
from infrastructure.demo.actors import SECRETARY, reviewer
from infrastructure.demo.driver import office_time
from infrastructure.demo.run import LiveTarget, Run

OUT_OF = Decimal(10)
SCORE_REASON = "年终审核评分：按节点完成质量和佐证材料评定"


def score_qualitative(run: Run) -> None:
    targets = [t for unit in run.targets for t in unit if t.plan.qualitative]
    start, end = office_time(run.year, 13, 12, 8, 30), office_time(run.year, 13, 14, 18)
    run.driver.window(start, end, len(targets))
    for target in targets:
        run.driver.run(
            run.app.score_target,
            year=run.year,
            unit_id=target.unit_id,
            target_id=target.target_id,
            score=reviewer_score(run, target),
            out_of=OUT_OF,
            reason=SCORE_REASON,
            by=reviewer(run.unit(target.unit).category),
        )


def reviewer_score(run: Run, target: LiveTarget) -> Decimal:
    """Six points for the work, up to four more for milestones done and the unit's form."""
    done = int(target.plan.curve[-1])
    measure = target.plan.spec.measure
    total = len(measure.milestones) if isinstance(measure, Qualitative) else 1
    form = min(run.unit(target.unit).performance, 1.1) / 1.1
    score = 6 + 4 * (done / total) * form
    return Decimal(str(round(min(score, 10.0), 1)))


def finalize(run: Run) -> None:
    moment = office_time(run.year, 13, 20, 10)
    run.driver.window(moment, moment.replace(hour=11), 1)
    run.driver.run(run.app.finalize_year, year=run.year, by=SECRETARY)
