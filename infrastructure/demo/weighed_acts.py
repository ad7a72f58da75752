"""The afternoons of a demo month: supervision case steps, evaluation ballots and
special-assessment imports, each a command at its planned day, from 13:30 two minutes
apart (the office's decisions take the mornings, `acts.py`, and the monthly returns the
first days of a month, so time only moves forward)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from uuid import UUID

from domain.supervision.matter import CaseMatter, CaseReport
from infrastructure.demo import case_texts as words
from infrastructure.demo.actors import SUPERVISION
from infrastructure.demo.case_plans import CasePlan, Step
from infrastructure.demo.driver import office_time
from infrastructure.demo.evaluations import evaluation_tasks
from infrastructure.demo.run import Run

Timed = tuple[datetime, Callable[[], object]]
SPACING = timedelta(minutes=2)


def afternoon_tasks(run: Run, month: int) -> list[Timed]:
    """The month's afternoon commands, each at its moment."""
    planned: list[tuple[int, Callable[[], object]]] = []  # (day, command)
    for case in run.plan.cases:
        for step in case.steps:
            if step.on.month == month:
                planned.append((step.on.day, partial(_case_step, run, case, step)))
    planned += evaluation_tasks(run, month)
    planned.sort(key=lambda task: task[0])  # stable: cases in turn, then evaluations
    timed, slot, previous = [], 0, 0
    for day, task in planned:
        slot = slot + 1 if day == previous else 0
        previous = day
        timed.append((office_time(run.year, month, day, 13, 30) + slot * SPACING, task))
    return timed


def _case_step(run: Run, case: CasePlan, step: Step) -> None:
    app, driver = run.app, run.driver
    if step.kind == "open":
        run.case_ids[case.number] = _open(run, case)
        return
    case_id = run.case_ids[case.number]
    lead = run.filler(case.unit)
    match step.kind:
        case "assign":
            driver.run(
                app.assign_case, case_id=case_id, instructions=words.INSTRUCTIONS, by=SUPERVISION
            )
        case "commit":
            driver.run(
                app.commit_to_case, case_id=case_id, promised_on=case.deadline,
                measures=words.MEASURES, by=lead,
            )  # fmt: skip
        case "progress":
            report = CaseReport(narrative=words.PROGRESS)
            driver.run(app.report_case_progress, case_id=case_id, report=report, by=lead)
        case "adjust":
            assert step.level is not None
            driver.run(
                app.adjust_attention_level, case_id=case_id, level=step.level,
                reason=words.RAISED, by=SUPERVISION,
            )  # fmt: skip
        case "inspect":
            driver.run(
                app.inspect_case, case_id=case_id, visited_on=step.on,
                findings=words.INSPECTION, by=SUPERVISION,
            )  # fmt: skip
        case "notice":
            assert step.colour is not None
            driver.run(
                app.issue_case_notice, case_id=case_id, colour=step.colour,
                text=words.NOTICES[step.colour.value], complete_by=step.complete_by,
                by=SUPERVISION,
            )  # fmt: skip
        case _:
            _settle(run, case, step)


def _settle(run: Run, case: CasePlan, step: Step) -> None:
    app, driver = run.app, run.driver
    case_id, lead = run.case_ids[case.number], run.filler(case.unit)
    match step.kind:
        case "rectify":
            report = CaseReport(narrative=words.RECTIFICATION)
            driver.run(app.report_rectification, case_id=case_id, report=report, by=lead)
        case "pass" | "fail":
            passed = step.kind == "pass"
            driver.run(
                app.verify_rectification, case_id=case_id, passed=passed,
                reason=None if passed else words.FAILED, by=SUPERVISION,
            )  # fmt: skip
        case "close":
            driver.run(app.close_case, case_id=case_id, by=SUPERVISION)
        case "escalate":
            driver.run(
                app.escalate_case, case_id=case_id, proposal=words.ESCALATION,
                persons=[run.unit(case.unit).main_leader.name], by=SUPERVISION,
            )  # fmt: skip


def _open(run: Run, case: CasePlan) -> UUID:
    titles = words.CASE_MATTERS[case.source]
    title, requirement = titles[case.number // len(words.CASE_MATTERS) % len(titles)]
    matter = CaseMatter(
        title=title,
        requirement=requirement,
        source=case.source,
        source_ref=f"督考办〔{run.year}〕{case.number + 1}号",
    )
    concerns = case.source.value == "assessment_finding"
    return run.driver.run(
        run.app.open_case,
        year=run.year,
        matter=matter,
        attention_level=case.level,
        lead_unit=run.unit_ids[case.unit],
        deadline=case.deadline,
        cooperating_units=[run.unit_ids[i] for i in case.cooperating],
        target_id=run.targets[case.unit][0].target_id if concerns else None,
        by=SUPERVISION,
    )
