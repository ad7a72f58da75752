"""After December closes: reviewers score the qualitative targets, the year end runs its
steps (三查三审一测评一公开) to the committee's decision, and a leader finalizes the year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.actors import Actor
from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.targets.spec import Qualitative
from domain.vocabulary import EvaluationKind, Role
from infrastructure.demo.actors import LEADER_IN_CHARGE, OFFICE, SECRETARY, reviewer
from infrastructure.demo.driver import office_time
from infrastructure.demo.evaluation_plans import REPRESENTATIVES, hundred_point_score
from infrastructure.demo.plan import YEAR_END_OFFICE_STEPS
from infrastructure.demo.run import LiveTarget, Run

OUT_OF = Decimal(10)
COMMITTEE = "县委常委会审查决定"
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


def close_the_year(run: Run) -> None:
    """The units check themselves on January 15; the office and leaders take the other
    steps on the 15th and 16th; the results stand announced until the 19th and the
    committee decides on the 20th."""
    count = len(run.unit_ids)
    start, end = office_time(run.year, 13, 15, 8, 30), office_time(run.year, 13, 15, 12)
    run.driver.window(start, end, count)
    for index, unit_id in enumerate(run.unit_ids):
        run.driver.run(
            run.app.submit_self_check,
            year=run.year,
            unit_id=unit_id,
            summary="对照年度目标逐项自查，佐证材料已上传",
            by=run.filler(index),
        )
    start, end = office_time(run.year, 13, 15, 14), office_time(run.year, 13, 16, 18)
    run.driver.window(start, end, YEAR_END_OFFICE_STEPS - 1 + len(REPRESENTATIVES))
    _review_and_announce(run)
    moment = office_time(run.year, 13, 20, 9)
    run.driver.window(moment, moment.replace(minute=30), 1)
    run.driver.run(run.app.decide_results, year=run.year, basis=COMMITTEE, by=SECRETARY)


def _review_and_announce(run: Run) -> None:
    app, year, units, step = run.app, run.year, run.unit_ids, run.driver.run
    step(app.hold_centralized_review, year=year, summary="集中会审", by=OFFICE)
    checked = sorted({units[0], units[len(units) // 2], units[-1]}, key=str)
    step(app.hold_spot_check, year=year, unit_ids=checked, findings="抽查属实", by=OFFICE)
    campaign = step(
        app.open_campaign,
        year=year,
        kind=EvaluationKind.DEMOCRATIC,
        title="年终民主测评",
        scale=Scale(lowest=Decimal(0), highest=Decimal(100), step=Decimal("0.5")),
        evaluated_units=list(units),
        evaluators=Evaluators(users=list(REPRESENTATIVES)),
        by=OFFICE,
    )
    for representative in REPRESENTATIVES:  # 党代表、人大代表 rate every unit (seed 000)
        scores = [
            UnitScore(unit_id=unit_id, score=hundred_point_score(
                run.plan.seed, run.unit(u).performance, representative, u,
            ))
            for u, unit_id in enumerate(units)
        ]  # fmt: skip
        by = Actor(user_id=representative, role=Role.REVIEWER)  # 审核评分: a scoring account
        step(app.submit_evaluation, campaign_id=campaign, scores=scores, by=by)
    step(app.close_campaign, campaign_id=campaign, by=OFFICE)
    step(app.record_democratic_evaluation, year=year, campaign_id=campaign, by=OFFICE)
    step(app.aggregate_scores, year=year, by=OFFICE)
    step(app.rank_units, year=year, by=OFFICE)
    step(app.review_results_preliminarily, year=year, approve=True, by=LEADER_IN_CHARGE)
    until = date(year + 1, 1, 19)
    step(app.announce_results, year=year, objections_until=until, by=OFFICE)


def finalize(run: Run) -> None:
    moment = office_time(run.year, 13, 20, 10)
    run.driver.window(moment, moment.replace(hour=11), 1)
    run.driver.run(run.app.finalize_year, year=run.year, by=SECRETARY)
