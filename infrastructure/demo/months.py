"""Each month's returns, in the first days of the next month: reports on time, a few
late, missing or rejected and resubmitted, the reviewer's verification, the close,
and the month's two red flags."""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal

from domain.reports.evidence import Evidence, Progress
from domain.targets.spec import Qualitative
from infrastructure.demo import texts
from infrastructure.demo.actors import OFFICE, reviewer
from infrastructure.demo.driver import office_time
from infrastructure.demo.run import LiveTarget, Run
from infrastructure.demo.units import ReportFate

FIRST_SUBMITTED = frozenset(
    {ReportFate.ON_TIME, ReportFate.REJECTED_FIXED, ReportFate.REJECTED_LEFT}
)
REJECTED = frozenset({ReportFate.REJECTED_FIXED, ReportFate.REJECTED_LEFT})
Window = tuple[datetime, datetime]


def return_month(run: Run, month: int) -> None:
    """Reports up to the due day, verification the day after, late reports and
    corrections the two days after that, and the close the next morning."""
    due, following = run.rulebook.reporting.due_day, month + 1
    expected = run.reporting(month)
    first = [t for t in expected if _fate(t, month) in FIRST_SUBMITTED]

    def day(offset: int, hour: int, minute: int = 0) -> datetime:
        return office_time(run.year, following, due + offset, hour, minute)

    _submit(run, month, first, (office_time(run.year, following, 1, 8, 30), day(0, 17, 30)))
    _verify(run, month, first, (day(1, 8, 30), day(1, 18)))
    second = [
        t for t in expected if _fate(t, month) in (ReportFate.REJECTED_FIXED, ReportFate.LATE)
    ]
    _submit(run, month, second, (day(2, 8, 30), day(3, 12)), second=True)
    _verify(run, month, second, (day(3, 14), day(3, 22)), second=True)
    closing = day(4, 10)
    run.driver.window(closing, closing.replace(hour=11), 1)
    run.driver.run(run.app.close_period, year=run.year, period=_period(run, month), by=OFFICE)


def award_red_flags(run: Run, month: int) -> None:
    flags = [f for f in run.plan.incidents.red_flags if f.month == month]
    due = run.rulebook.reporting.due_day
    start = office_time(run.year, month + 1, due + 4, 15)
    run.driver.window(start, start.replace(hour=16), len(flags))
    for flag in flags:
        run.driver.run(
            run.app.award_red_flag,
            year=run.year,
            period=_period(run, month),
            unit_id=run.unit_ids[flag.unit],
            theme=flag.theme,
            by=OFFICE,
        )


def _fate(target: LiveTarget, month: int) -> ReportFate:
    return target.plan.fates[month - 1]


def _period(run: Run, month: int) -> str:
    return f"{run.year}-{month:02d}"


def _submit(
    run: Run, month: int, targets: list[LiveTarget], window: Window, *, second: bool = False
) -> None:
    run.driver.window(*window, len(targets))
    for target in targets:
        attempt = 2 if second and _fate(target, month) in REJECTED else 1
        run.driver.run(
            run.app.report_progress,
            year=run.year,
            unit_id=target.unit_id,
            target_id=target.target_id,
            period=_period(run, month),
            progress=progress(run, target, month, attempt),
            by=run.filler(target.unit),
        )


def _verify(
    run: Run, month: int, targets: list[LiveTarget], window: Window, *, second: bool = False
) -> None:
    run.driver.window(*window, len(targets))
    for target in targets:
        rejecting = not second and _fate(target, month) in REJECTED
        reason = texts.REJECT_REASONS[(target.target_id.int + month) % len(texts.REJECT_REASONS)]
        run.driver.run(
            run.app.verify_progress,
            year=run.year,
            unit_id=target.unit_id,
            target_id=target.target_id,
            period=_period(run, month),
            approve=not rejecting,
            reason=reason if rejecting else None,
            by=reviewer(run.unit(target.unit).category),
        )


def progress(run: Run, target: LiveTarget, month: int, attempt: int) -> Progress:
    """The cumulative value or the milestones done by the month's end, with one
    evidence file (a second, fuller one when resubmitting after a rejection)."""
    spec, reached = target.plan.spec, target.plan.curve[month - 1]
    period = _period(run, month)
    digest = hashlib.sha256(f"{target.target_id}/{period}/{attempt}".encode()).hexdigest()
    evidence = Evidence(
        file_name=f"{period}-{spec.title}-佐证{attempt}.pdf",
        media_type="application/pdf",
        sha256=digest,
        size=20_000 + int(digest[:5], 16),
    )
    note = "；已按审核意见补充佐证材料" if attempt == 2 else ""
    if isinstance(spec.measure, Qualitative):
        done = [m.key for m in spec.measure.milestones[: int(reached)]]
        return Progress(
            milestones_done=done,
            evidence=[evidence],
            narrative=f"截至{month}月底完成{len(done)}个节点{note}",
        )
    value, measure = Decimal(reached), spec.measure.unit_of_measure
    narrative = f"截至{month}月底累计{value}{measure}{note}"
    return Progress(value=value, evidence=[evidence], narrative=narrative)
