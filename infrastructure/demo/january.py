"""January: the office opens the year, registers and enrols the units, and every unit's
100-point list passes the four-level review (四级联审), a few proposals returned once."""

from __future__ import annotations

from application.units import NewUnit
from domain.vocabulary import REVIEW_ORDER
from infrastructure.demo import texts
from infrastructure.demo.actors import OFFICE, review_actor
from infrastructure.demo.driver import office_time
from infrastructure.demo.run import LiveTarget, Run


def open_year(run: Run) -> None:
    app, year, driver = run.app, run.year, run.driver
    driver.window(office_time(year, 1, 2, 9), office_time(year, 1, 2, 9, 30), 2)
    driver.run(app.open_year, year=year, by=OFFICE)
    driver.run(app.adopt_rulebook, year=year, rulebook=run.rulebook, by=OFFICE)
    units = run.plan.units
    driver.window(office_time(year, 1, 2, 10), office_time(year, 1, 3, 18), 2 * len(units))
    for unit in units:
        new = NewUnit(
            code=unit.code,
            name=unit.name,
            category=unit.category,
            main_leader=unit.main_leader,
            deputy_leader=unit.deputy_leader,
        )
        unit_id = driver.run(app.register_unit, unit=new, since_year=year, by=OFFICE)
        driver.run(app.enrol_unit, year=year, unit_id=unit_id, by=OFFICE)
        run.unit_ids.append(unit_id)


def propose_targets(run: Run) -> None:
    year, driver = run.year, run.driver
    count = sum(len(u.targets) for u in run.plan.units)
    driver.window(office_time(year, 1, 6, 8, 30), office_time(year, 1, 8, 18), count)
    for index, unit in enumerate(run.plan.units):
        unit_id, proposed = run.unit_ids[index], []
        for target in unit.targets:
            target_id = driver.run(
                run.app.propose_target,
                year=year,
                unit_id=unit_id,
                spec=target.spec,
                by=run.filler(index),
            )
            proposed.append(LiveTarget(index, unit_id, target_id, target))
        run.targets.append(proposed)


def review_targets(run: Run) -> None:
    """One day per level for every proposal; the returned ones are resubmitted and pass
    all four levels in the days after."""
    days = (9, 10, 13, 14)
    for level_index, day in enumerate(days):
        waiting = [
            t
            for unit in run.targets
            for t in unit
            if t.plan.returned_at is None or t.plan.returned_at >= level_index
        ]
        _review_level(run, waiting, level_index, day)
    returned = [t for unit in run.targets for t in unit if t.plan.returned_at is not None]
    start, end = office_time(run.year, 1, 15, 9), office_time(run.year, 1, 15, 18)
    run.driver.window(start, end, len(returned))
    for target in returned:
        run.driver.run(
            run.app.resubmit_target,
            year=run.year,
            unit_id=target.unit_id,
            target_id=target.target_id,
            spec=target.plan.spec,
            by=run.filler(target.unit),
        )
    for level_index, day in enumerate((16, 16, 17, 17)):
        _review_level(run, returned, level_index, day, after_return=True)


def _review_level(
    run: Run, targets: list[LiveTarget], level_index: int, day: int, *, after_return: bool = False
) -> None:
    level = REVIEW_ORDER[level_index]
    hour = 14 if after_return and level_index % 2 else 8
    start = office_time(run.year, 1, day, hour, 30)
    run.driver.window(start, start.replace(hour=hour + 3 if after_return else 18), len(targets))
    for target in targets:
        returning = not after_return and target.plan.returned_at == level_index
        reason = texts.RETURN_REASONS[target.target_id.int % len(texts.RETURN_REASONS)]
        run.driver.run(
            run.app.review_target,
            year=run.year,
            unit_id=target.unit_id,
            target_id=target.target_id,
            level=level,
            approve=not returning,
            reason=reason if returning else None,
            by=review_actor(level, run.unit(target.unit).category),
        )
