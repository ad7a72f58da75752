"""A pure builder of a year's event log for scoring tests: it calls the aggregates'
own methods with stamps and collects their pending events in order — the same events
the application would store, with no application and no store."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain.events import DomainEvent, Stamp
from domain.ids import derived_id, year_id
from domain.incentives.bonus import Bonus
from domain.incentives.deduction_notice import DeductionNotice
from domain.incentives.red_flag import RedFlagRound
from domain.incentives.sanction import Sanction
from domain.periods import OFFICE_TZ, Period
from domain.reports.evidence import Progress
from domain.reports.monthly_return import MonthlyReturn
from domain.rulebook.document import content_hash
from domain.rulebook.model import Rulebook
from domain.targets.spec import TargetSpec
from domain.targets.target_list import TargetList, WeightTerms
from domain.unit import Unit
from domain.vocabulary import REVIEW_ORDER, Role, SanctionKind
from domain.year import AssessmentYear
from tests.builders import person

JURISDICTION = "demo-county"
REVIEW_ROLE = dict(
    zip(
        REVIEW_ORDER, (Role.REVIEWER, Role.ASSESSMENT_OFFICE, Role.LEADER, Role.LEADER), strict=True
    )
)


def at(month: int, day: int = 1, year: int = 2025, hour: int = 10) -> datetime:
    if month == 13:
        year, month = year + 1, 1
    return datetime(year, month, day, hour, 0, tzinfo=OFFICE_TZ)


def stamp(role: Role, when: datetime, unit: UUID | None = None, reason: str | None = None) -> Stamp:
    return Stamp(actor_id=f"{role}-1", actor_role=role, acting_unit=unit, at=when, reason=reason)


class YearBuilder:
    def __init__(self, rulebook: Rulebook, year: int = 2025) -> None:
        self.rulebook, self.number = rulebook, year
        self.events: list[DomainEvent] = []
        self.year = AssessmentYear.open(
            jurisdiction=JURISDICTION,
            year=year,
            stamp=stamp(Role.ASSESSMENT_OFFICE, at(1, 2, year)),
        )
        self.year.adopt_rulebook(
            rulebook=rulebook,
            rulebook_id=year_id(JURISDICTION, year),
            sha256=content_hash(rulebook),
            stamp=self._office(at(1, 2, year)),
        )
        self.lists: dict[UUID, TargetList] = {}
        self.returns: dict[tuple[UUID, int], MonthlyReturn] = {}
        self.rounds: dict[int, RedFlagRound] = {}
        self.records: dict[UUID, Bonus | Sanction] = {}
        self.categories: dict[UUID, str] = {}
        self._serial = 0
        self._take(self.year)

    def _office(self, when: datetime, reason: str | None = None) -> Stamp:
        return stamp(Role.ASSESSMENT_OFFICE, when, reason=reason)

    def _take(self, *aggregates: object) -> None:
        for aggregate in aggregates:
            self.events.extend(aggregate.collect_events())  # type: ignore[attr-defined]

    def _next_id(self, kind: str) -> UUID:
        self._serial += 1
        return derived_id(kind, self.number, self._serial)

    def unit(self, code: str, category: str, name: str | None = None) -> UUID:
        when = at(1, 3, self.number)
        unit = Unit.register(
            jurisdiction=JURISDICTION,
            code=code,
            name=name or f"单位{code}",
            category=category,
            main_leader=person("主要领导"),
            deputy_leader=person("分管领导"),
            since_year=self.number,
            stamp=self._office(when),
        )
        self.year.enrol(
            unit_id=unit.id,
            category=category,
            rulebook=self.rulebook,
            unit_exists=True,
            stamp=self._office(when),
        )
        targets = TargetList.open(
            year_id=self.year.id, unit_id=unit.id, year=self.number, stamp=self._office(when)
        )
        self.lists[unit.id], self.categories[unit.id] = targets, category
        self._take(unit, self.year, targets)
        return unit.id

    def target(self, unit_id: UUID, spec: TargetSpec, when: datetime | None = None) -> UUID:
        when = when or at(1, 4, self.number)
        targets = self.lists[unit_id]
        target_id = targets.propose(spec=spec, stamp=stamp(Role.UNIT, when, unit_id))
        terms = WeightTerms(total=self.rulebook.total_weight, must_be_complete=False)
        for level in REVIEW_ORDER:
            targets.review(
                target_id=target_id,
                level=level,
                approve=True,
                terms=terms,
                stamp=stamp(REVIEW_ROLE[level], when),
            )
        self._take(targets)
        return target_id

    def _terms(self) -> WeightTerms:
        return WeightTerms(total=self.rulebook.total_weight, must_be_complete=False)

    def dynamic(
        self, unit_id: UUID, spec: TargetSpec, rebalance: dict[UUID, str], month: int = 7
    ) -> UUID:
        """A dynamic target (动态指标) assigned by the office mid-year."""
        targets = self.lists[unit_id]
        target_id = targets.assign_dynamic(
            spec=spec,
            rebalance={t: Decimal(w) for t, w in rebalance.items()},
            terms=self._terms(),
            stamp=self._office(at(month, 3, self.number), reason="省州新部署"),
        )
        self._take(targets)
        return target_id

    def withdraw(
        self, unit_id: UUID, target_id: UUID, rebalance: dict[UUID, str], month: int = 8
    ) -> None:
        targets = self.lists[unit_id]
        targets.withdraw(
            target_id=target_id,
            rebalance={t: Decimal(w) for t, w in rebalance.items()},
            terms=self._terms(),
            stamp=self._office(at(month, 3, self.number), reason="任务调整"),
        )
        self._take(targets)

    def targets(self, unit_id: UUID, specs: Iterable[TargetSpec]) -> list[UUID]:
        return [self.target(unit_id, spec) for spec in specs]

    def _return(self, unit_id: UUID, month: int) -> MonthlyReturn:
        key = (unit_id, month)
        if key not in self.returns:
            self.returns[key] = MonthlyReturn.open(
                year_id=self.year.id,
                unit_id=unit_id,
                month=Period.month(self.number, month),
                stamp=self._office(at(month, 1, self.number, 0)),
            )
            self._take(self.returns[key])
        return self.returns[key]

    def report(
        self,
        unit_id: UUID,
        target_id: UUID,
        month: int,
        *,
        value: str | None = None,
        milestones: tuple[str, ...] = (),
        verify: bool | None = True,
        when: datetime | None = None,
    ) -> None:
        """Report (and by default verify) progress; `verify=None` leaves it submitted."""
        monthly = self._return(unit_id, month)
        when = when or at(month, 25, self.number)
        progress = Progress(
            value=Decimal(value) if value is not None else None, milestones_done=list(milestones)
        )
        target = self.lists[unit_id].target(target_id)
        monthly.report(target=target, progress=progress, stamp=stamp(Role.UNIT, when, unit_id))
        if verify is not None:
            monthly.verify(
                target_id=target_id,
                approve=verify,
                stamp=stamp(Role.REVIEWER, when, reason=None if verify else "数据不实"),
            )
        self._take(monthly)

    def close(self, month: int) -> None:
        """Close the month for every unit (late and missing reports become facts)."""
        period = Period.month(self.number, month)
        closing = AssessmentYear.closing_instant(period).replace(day=15)
        for unit_id, targets in self.lists.items():
            monthly = self._return(unit_id, month)
            expected = targets.approved_before(AssessmentYear.closing_instant(period))
            monthly.close(
                expected=expected,
                due_day=self.rulebook.reporting.due_day,
                stamp=self._office(closing),
            )
            self._take(monthly)
        totals = {u: t.approved_total() for u, t in self.lists.items()}
        self.year.close_month(
            month=period,
            weight_totals=totals,
            total_weight=self.rulebook.total_weight,
            stamp=self._office(closing),
        )
        self._take(self.year)

    def score(
        self, unit_id: UUID, target_id: UUID, score: str, out_of: str, month: int = 12
    ) -> None:
        targets = self.lists[unit_id]
        targets.score(
            target_id=target_id,
            score=Decimal(score),
            out_of=Decimal(out_of),
            stamp=stamp(Role.REVIEWER, at(month, 20, self.number), reason="年终评分"),
        )
        self._take(targets)

    def bonus(self, unit_id: UUID, points: str, month: int = 6) -> UUID:
        bonus = Bonus.grant(
            id=self._next_id("bonus"),
            year_id=self.year.id,
            unit_id=unit_id,
            points=Decimal(points),
            basis="创新工作",
            stamp=self._office(at(month, 10, self.number), reason="领导小组决定"),
        )
        self.records[bonus.id] = bonus
        self._take(bonus)
        return bonus.id

    def sanction(self, unit_id: UUID, kind: SanctionKind, month: int = 6) -> UUID:
        sanction = Sanction.impose(
            id=self._next_id("sanction"),
            year_id=self.year.id,
            unit_id=unit_id,
            kind=kind,
            person=None,
            article="第十条",
            unit_existed=True,
            stamp=stamp(Role.SUPERVISION_OFFICE, at(month, 12, self.number), reason="督查发现"),
        )
        self.records[sanction.id] = sanction
        self._take(sanction)
        return sanction.id

    def revoke(self, record_id: UUID, month: int = 9) -> None:
        record = self.records[record_id]
        when = at(month, 14, self.number)
        if isinstance(record, Sanction):
            record.revoke(stamp=stamp(Role.SUPERVISION_OFFICE, when, reason="申诉成立"))
        else:
            record.revoke(stamp=self._office(when, reason="依据不足"))
        self._take(record)

    def notice(self, unit_id: UUID, month: int = 6) -> UUID:
        notice = DeductionNotice.issue(
            id=self._next_id("notice"),
            year_id=self.year.id,
            unit_id=unit_id,
            article="第八条",
            stamp=stamp(Role.SUPERVISION_OFFICE, at(month, 16, self.number), reason="会议缺席"),
        )
        self._take(notice)
        return notice.id

    def red_flag(self, unit_id: UUID, month: int) -> None:
        if month not in self.rounds:
            self.rounds[month] = RedFlagRound.open(
                year_id=self.year.id,
                month=Period.month(self.number, month),
                stamp=self._office(at(month, 1, self.number)),
            )
        flags = self.rounds[month]
        flags.award(
            unit_id=unit_id,
            category=self.categories[unit_id],
            theme="项目攻坚",
            rulebook=self.rulebook,
            stamp=self._office(at(month, 28, self.number)),
        )
        self._take(flags)
