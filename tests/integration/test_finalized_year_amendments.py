"""A finalized year changes only by a recorded amendment, stored with the change itself.

The year is built the long way: every unit's full 100-point list, twelve closed months
and the leader's finalization, all through the application (issue 3, point 5).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.ids import target_list_id, year_id
from domain.incentives.bonus import Bonus
from domain.scoring.live import LiveScorer
from domain.targets.spec import Qualitative
from domain.targets.target_list import TargetList
from domain.vocabulary import SanctionKind
from domain.year import AssessmentYear
from infrastructure.clock import ManualClock
from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests.builders import (
    LEADER,
    OFFICE,
    REVIEWER,
    SUPERVISION,
    YEAR,
    enrolled_unit,
    open_year,
    quantitative,
)
from tests.scenarios import (
    assert_rejected,
    event_count,
    finalized_year,
    second_instance,
    topics,
)


@pytest.fixture
def unit(app: AssessmentApplication, clock: ManualClock) -> UUID:
    """A unit of a year that is closed month by month and finalized."""
    open_year(app)
    unit_id = enrolled_unit(app, "T01")
    finalized_year(app, clock, unit_id)
    return unit_id


@pytest.fixture
def rival(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    application = second_instance(store_url, clock, seed=23)
    yield application
    application.close()


def grant(app: AssessmentApplication, unit: UUID, **extra: Any) -> UUID:
    return app.grant_bonus(
        year=YEAR,
        unit_id=unit,
        points=Decimal("0.5"),
        reason="招商引资创新",
        basis="县委常委会纪要",
        by=LEADER,
        **extra,
    )


def amendments(app: AssessmentApplication) -> int:
    return topics(app).count("AmendedAfterFinalization")


def test_a_bonus_after_finalization_needs_an_amendment_reason(
    app: AssessmentApplication, unit: UUID
) -> None:
    assert app.year(YEAR).finalized
    assert_rejected(app, errors.YearFinalized, "amendment_reason", lambda: grant(app, unit))

    before = event_count(app)
    bonus = grant(app, unit, amendment_reason="复核发现漏报的创新成果")

    assert topics(app, after=before) == ["Granted", "AmendedAfterFinalization"]
    assert app.read(Bonus, bonus, field="bonus_id").points == Decimal("0.5")


def test_the_bonus_and_its_amendment_are_one_transaction(
    app: AssessmentApplication, rival: AssessmentApplication, unit: UUID
) -> None:
    """A rival amendment lands between our decision and our save: the year's version
    check fails, and the bonus must fail with it, or a retry would store a second one."""
    save = app.save_aggregates
    attempts: list[int] = []

    def interleaved_save(*aggregates: Any, **kwargs: Any) -> Any:
        attempts.append(len(aggregates))
        if amendments(app) == 0:
            rival.issue_deduction_notice(
                year=YEAR,
                unit_id=unit,
                reason="迟报",
                article="第十二条",
                amendment_reason="补录督查通知单",
                by=SUPERVISION,
            )
        return save(*aggregates, **kwargs)

    app.save_aggregates = interleaved_save  # type: ignore[method-assign]
    before = event_count(app)
    bonus = grant(app, unit, amendment_reason="复核发现漏报的创新成果")

    assert topics(app, after=before) == [
        "Issued",
        "AmendedAfterFinalization",
        "Granted",
        "AmendedAfterFinalization",
    ]
    assert attempts == [2, 2]  # the bonus with the year, refused once, then stored
    assert app.find(Bonus, bonus) is not None
    assert app.read(AssessmentYear, year_id(app.jurisdiction, YEAR), field="year").finalized


def test_no_change_reaches_a_finalized_year_without_a_reason(
    app: AssessmentApplication, unit: UUID
) -> None:
    bonus = grant(app, unit, amendment_reason="补录")
    assert_rejected(
        app, errors.YearFinalized, "year", lambda: app.finalize_year(year=YEAR, by=LEADER)
    )
    assert_rejected(
        app,
        errors.YearFinalized,
        "year",
        lambda: app.close_period(year=YEAR, period=f"{YEAR}-12", by=OFFICE),
    )
    assert_rejected(
        app,
        errors.YearFinalized,
        "amendment_reason",
        lambda: app.propose_target(year=YEAR, unit_id=unit, spec=quantitative(), by=OFFICE),
    )
    assert_rejected(
        app,
        errors.YearFinalized,
        "amendment_reason",
        lambda: app.revoke_bonus(bonus_id=bonus, reason="申诉成立", by=LEADER),
    )
    assert_rejected(
        app,
        errors.YearFinalized,
        "amendment_reason",
        lambda: app.impose_sanction(
            year=YEAR,
            unit_id=unit,
            kind=SanctionKind.REMINDER,
            reason="迟报",
            article="第十条",
            by=SUPERVISION,
        ),
    )
    assert_rejected(
        app,
        errors.YearFinalized,
        "amendment_reason",
        lambda: app.score_target(
            year=YEAR,
            unit_id=unit,
            target_id=_qualitative_target(app, unit),
            score=Decimal(8),
            out_of=Decimal(10),
            reason="年终评分",
            by=REVIEWER,
        ),
    )

    before = event_count(app)
    app.revoke_bonus(bonus_id=bonus, reason="申诉成立", amendment_reason="领导小组复议", by=LEADER)
    assert topics(app, after=before) == ["Revoked", "AmendedAfterFinalization"]


def test_a_change_refused_after_its_amendment_leaves_the_read_year_as_it_was(
    app: AssessmentApplication, unit: UUID
) -> None:
    """Commands read the cache's own year; only its amendment is recorded, on a private
    copy. A rule broken after the amendment was recorded (here: an unknown target) must
    leave no trace on the year the next command reads."""
    the_year = year_id(app.jurisdiction, YEAR)
    read_before = app.read(AssessmentYear, the_year, field="year")
    version = read_before.version

    assert_rejected(
        app,
        errors.NotFound,
        "target_id",
        lambda: app.score_target(
            year=YEAR,
            unit_id=unit,
            target_id=UUID(int=7),
            score=Decimal(8),
            out_of=Decimal(10),
            reason="年终评分",
            amendment_reason="复核",
            by=REVIEWER,
        ),
    )

    read_after = app.read(AssessmentYear, the_year, field="year")
    assert read_after is read_before  # the cache's year, not replaced
    assert read_after.version == version
    assert not read_after.collect_events()  # nothing pending on it
    before = event_count(app)
    grant(app, unit, amendment_reason="复核发现漏报的创新成果")
    assert topics(app, after=before) == ["Granted", "AmendedAfterFinalization"]
    assert app.read(AssessmentYear, the_year, field="year").version == version + 1


def _qualitative_target(app: AssessmentApplication, unit: UUID) -> UUID:
    list_id = target_list_id(year_id(app.jurisdiction, YEAR), unit)
    targets = app.read(TargetList, list_id, field="unit_id").targets.values()
    return next(t.id for t in targets if isinstance(t.spec.measure, Qualitative))


def test_an_amendment_rescores_its_own_unit_only_and_ends_as_a_rebuild_does(
    app: AssessmentApplication,
    clock: ManualClock,
    store_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_year(app)
    units = [enrolled_unit(app, code) for code in ("T01", "T02")]
    finalized_year(app, clock, *units)
    runner = projection_runner(app, Settings(store_url))
    runner.start()
    runner.catch_up()
    scored_afresh = []
    forget_all = LiveScorer._forget_all
    monkeypatch.setattr(
        LiveScorer, "_forget_all", lambda self: (scored_afresh.append(1), forget_all(self))
    )
    runner.batch_size = 1  # the amendment and its bonus may even be batches of their own
    for unit in (units[1], units[0], units[1]):
        grant(app, unit, amendment_reason="复核后补记加分")
        runner.catch_up()
    assert scored_afresh == []  # each amendment redid its unit, not the whole year
    live = standing(app, units)
    runner.log.close()  # type: ignore[attr-defined]
    rebuilt = projection_runner(app, Settings(store_url))
    rebuilt.rebuild([])
    rebuilt.start()
    rebuilt.catch_up()
    rebuilt.log.close()  # type: ignore[attr-defined]
    assert standing(app, units) == live
    totals = [ledger.total for _, ledger in live[1]]
    assert totals[1] - totals[0] == Decimal("0.5")


def standing(app: AssessmentApplication, units: list[UUID]) -> tuple[Any, list[Any]]:
    """The year's town ranking and each unit's ledger with its lines, as the views say."""
    ranking = app.ranking(year=YEAR, period=str(YEAR), category="town")
    return ranking, [(u, app.unit_ledger(year=YEAR, unit_id=u)) for u in units]
