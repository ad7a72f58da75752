"""The evaluation campaigns and special-assessment imports of a demo year as afternoon
commands (`weighed_acts.py`): the public's tokens issued in November and used until
mid-December, the units' mutual evaluation and the leaders' in December, every campaign
closed on 20 December; the special assessments imported from CSV files in November and
December, the ecology one corrected by its department."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from uuid import UUID

from domain.actors import Actor
from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.special.results import ResultScale
from domain.vocabulary import EvaluationKind, Role
from infrastructure.demo.actors import OFFICE
from infrastructure.demo.case_texts import EVALUATION_TITLES
from infrastructure.demo.evaluation_plans import (
    SpecialPlan,
    hundred_point_score,
    satisfaction,
    special_score,
)
from infrastructure.demo.run import Run
from infrastructure.imports.tables import read_table, source_of

Task = tuple[int, Callable[[], object]]  # (day of the month, command)
CITIZEN = Actor(user_id="anonymous", role=Role.PUBLIC)
HUNDRED = Scale(lowest=Decimal(0), highest=Decimal(100), step=Decimal("0.5"))
FIVE = Scale(lowest=Decimal(1), highest=Decimal(5))
PUBLIC_DAYS = {11: range(13, 29), 12: range(10, 19)}


def evaluation_tasks(run: Run, month: int) -> list[Task]:
    plan = run.plan.evaluations
    tasks: list[Task] = []
    if month == 11 and plan.public_ballots:
        tasks += [(12, partial(_open_public, run))]
    tasks += _public_ballots(run, month)
    if month == 12:
        tasks += [(10, partial(_open_mutual_and_leadership, run))]
        for index, group in enumerate(plan.mutual_groups):
            tasks += [
                (11 + n % 7, partial(_mutual, run, index, rater)) for n, rater in enumerate(group)
            ]
        tasks += [(12, partial(_leadership, run, leader)) for leader in plan.leaders]
        tasks += [(20, partial(_close_all, run))]
    for special in plan.specials:
        if special.imported[0] == month:
            tasks.append((special.imported[1], partial(_import, run, special, corrected=False)))
        if special.corrected and special.corrected[0] == month:
            tasks.append((special.corrected[1], partial(_import, run, special, corrected=True)))
    return tasks


def _units(run: Run, indices: tuple[int, ...]) -> list[UUID]:
    return [run.unit_ids[i] for i in indices]


def _open_public(run: Run) -> None:
    plan, driver, app = run.plan.evaluations, run.driver, run.app
    run.campaigns["public"] = driver.run(
        app.open_campaign, year=run.year, kind=EvaluationKind.PUBLIC,
        title=EVALUATION_TITLES["public"], scale=FIVE,
        evaluated_units=_units(run, plan.public_units), by=OFFICE,
    )  # fmt: skip
    batch = driver.run(
        app.issue_evaluation_tokens, campaign_id=run.campaigns["public"],
        count=len(plan.public_ballots), by=OFFICE,
    )  # fmt: skip
    run.tokens = list(batch.tokens)


def _public_ballots(run: Run, month: int) -> list[Task]:
    ballots = run.plan.evaluations.public_ballots
    days = [(m, d) for m, span in PUBLIC_DAYS.items() for d in span]
    return [
        (days[n * len(days) // len(ballots)][1], partial(_public, run, n))
        for n in range(len(ballots))
        if days[n * len(days) // len(ballots)][0] == month
    ]


def _public(run: Run, number: int) -> None:
    rated = run.plan.evaluations.public_ballots[number]
    scores = [
        UnitScore(
            unit_id=run.unit_ids[u],
            score=satisfaction(run.plan.seed, run.unit(u).performance, "public", number, u),
        )
        for u in rated
    ]
    run.driver.run(
        run.app.submit_public_evaluation, campaign_id=run.campaigns["public"],
        token=run.tokens[number], scores=scores, by=CITIZEN,
    )  # fmt: skip


def _open_mutual_and_leadership(run: Run) -> None:
    plan, driver, app = run.plan.evaluations, run.driver, run.app
    for index, group in enumerate(plan.mutual_groups):
        units = _units(run, group)
        run.campaigns[f"mutual-{index}"] = driver.run(
            app.open_campaign, year=run.year, kind=EvaluationKind.MUTUAL,
            title=f"{EVALUATION_TITLES['mutual']}（第{index + 1}组）", scale=HUNDRED,
            evaluated_units=units, evaluators=Evaluators(units=units), by=OFFICE,
        )  # fmt: skip
    run.campaigns["leadership"] = driver.run(
        app.open_campaign, year=run.year, kind=EvaluationKind.LEADERSHIP,
        title=EVALUATION_TITLES["leadership"], scale=HUNDRED,
        evaluated_units=list(run.unit_ids), evaluators=Evaluators(users=list(plan.leaders)),
        by=OFFICE,
    )  # fmt: skip


def _mutual(run: Run, index: int, rater: int) -> None:
    group = run.plan.evaluations.mutual_groups[index]
    scores = [
        UnitScore(
            unit_id=run.unit_ids[u],
            score=hundred_point_score(run.plan.seed, run.unit(u).performance, "mutual", rater, u),
        )
        for u in group
        if u != rater
    ]
    run.driver.run(
        run.app.submit_evaluation, campaign_id=run.campaigns[f"mutual-{index}"],
        scores=scores, by=run.filler(rater),
    )  # fmt: skip


def _leadership(run: Run, leader: str) -> None:
    scores = [
        UnitScore(
            unit_id=unit_id,
            score=hundred_point_score(run.plan.seed, run.unit(u).performance, leader, u),
        )
        for u, unit_id in enumerate(run.unit_ids)
    ]
    run.driver.run(
        run.app.submit_evaluation, campaign_id=run.campaigns["leadership"], scores=scores,
        by=Actor(user_id=leader, role=Role.LEADER),
    )  # fmt: skip


def _close_all(run: Run) -> None:
    for name, campaign_id in run.campaigns.items():
        if name != "democratic":
            run.driver.run(run.app.close_campaign, campaign_id=campaign_id, by=OFFICE)


def _import(run: Run, special: SpecialPlan, *, corrected: bool) -> None:
    """The department's CSV, as the office uploads it; a correction changes two rows."""
    lines = ["单位代码,得分"]
    for n, u in enumerate(special.units):
        score = special_score(run.plan.seed, run.unit(u).performance, special.key, u)
        if corrected and n < 2:
            score = min(Decimal(100), score + Decimal(3))
        lines.append(f"{run.unit(u).code},{score}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    name = f"{special.key}-{'corrected' if corrected else 'results'}.csv"
    run.driver.run(
        run.app.import_special_assessment, year=run.year, key=special.key, name=special.name,
        department=special.department, scale=ResultScale(lowest=Decimal(0), highest=Decimal(100)),
        table=read_table(data, name), source=source_of(data, name),
        reason="责任部门复核更正" if corrected else None, by=OFFICE,
    )  # fmt: skip
