"""The office's mid-month decisions: bonuses, deduction notices, sanctions and their
revocation on appeal, dynamic targets and revisions, each by the role that decides it."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from infrastructure.demo.actors import LEADING_GROUP, OFFICE, SUPERVISION
from infrastructure.demo.driver import office_time
from infrastructure.demo.incidents import (
    Act,
    AppealUpheld,
    BonusGrant,
    NoticeIssue,
    SanctionImposition,
)
from infrastructure.demo.revisions import DynamicTarget, Revision
from infrastructure.demo.run import LiveTarget, Run
from infrastructure.demo.weighed_acts import afternoon_tasks


def decide_month(run: Run, month: int) -> None:
    """Acts of one day start at nine and follow each other a quarter of an hour apart;
    the afternoons' case steps, ballots and imports (`weighed_acts.py`) fall between."""
    sanction_index = {id(s): i for i, s in enumerate(run.plan.incidents.sanctions)}
    previous_day, slot = 0, 0
    timeline = []
    for act in run.plan.incidents.in_month(month):
        slot = slot + 1 if act.day == previous_day else 0
        previous_day = act.day
        moment = office_time(run.year, month, act.day) + timedelta(minutes=15 * slot)
        timeline.append((moment, partial(_decide, run, act, sanction_index)))
    timeline += afternoon_tasks(run, month)
    for moment, task in sorted(timeline, key=lambda timed: timed[0]):
        run.driver.window(moment, moment + timedelta(minutes=1), 1)
        task()


def _decide(run: Run, act: Act, sanction_index: dict[int, int]) -> None:
    app, year, driver = run.app, run.year, run.driver
    match act:
        case BonusGrant():
            driver.run(
                app.grant_bonus,
                year=year,
                unit_id=run.unit_ids[act.unit],
                points=act.points,
                reason=act.reason,
                basis=act.basis,
                by=LEADING_GROUP if act.by_leader else OFFICE,
            )
        case NoticeIssue():
            driver.run(
                app.issue_deduction_notice,
                year=year,
                unit_id=run.unit_ids[act.unit],
                reason=act.reason,
                article=act.article,
                by=SUPERVISION,
            )
        case SanctionImposition():
            sanction_id = driver.run(
                app.impose_sanction,
                year=year,
                kind=act.kind,
                unit_id=run.unit_ids[act.unit],
                reason=act.reason,
                article=act.article,
                person=act.person,
                by=SUPERVISION,
            )
            run.sanction_ids[sanction_index[id(act)]] = sanction_id
        case AppealUpheld():
            driver.run(
                app.revoke_sanction,
                sanction_id=run.sanction_ids[act.sanction],
                reason=act.reason,
                by=SUPERVISION,
            )
        case DynamicTarget():
            _assign_dynamic(run, act)
        case Revision():
            targets = run.targets[act.unit]
            driver.run(
                app.revise_target,
                year=year,
                unit_id=run.unit_ids[act.unit],
                target_id=targets[act.target].target_id,
                spec=act.spec,
                rebalance={targets[i].target_id: w for i, w in act.rebalance},
                reason=act.reason,
                by=OFFICE,
            )


def _assign_dynamic(run: Run, act: DynamicTarget) -> None:
    targets, unit_id = run.targets[act.unit], run.unit_ids[act.unit]
    target_id = run.driver.run(
        run.app.assign_dynamic_target,
        year=run.year,
        unit_id=unit_id,
        spec=act.target.spec,
        rebalance={targets[i].target_id: w for i, w in act.rebalance},
        reason=act.reason,
        by=OFFICE,
    )
    targets.append(LiveTarget(act.unit, unit_id, target_id, act.target))
