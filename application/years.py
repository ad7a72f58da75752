"""Commands of the assessment office on the year: open, adopt, enrol, close, finalize."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from application.base import AssessmentBase
from application.command import Outcome, command
from domain import errors
from domain.actors import Actor
from domain.events import Aggregate
from domain.ids import monthly_return_id, target_list_id
from domain.periods import Period, PeriodKind
from domain.reports.monthly_return import MonthlyReturn
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.model import Rulebook
from domain.targets.target_list import TargetList
from domain.unit import Unit
from domain.year import AssessmentYear


class YearCommands(AssessmentBase):
    @command
    def open_year(
        self, *, year: int, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        opened = AssessmentYear.open(
            jurisdiction=self.jurisdiction, year=year, stamp=self.stamp(by)
        )
        if self.find(AssessmentYear, opened.id) is not None:
            raise errors.AlreadyExists(f"{year} is already open", field="year")
        return Outcome(opened.id, opened)

    @command
    def adopt_rulebook(
        self, *, year: int, rulebook: Rulebook, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[str]:
        assessment = self.year(year, copy=True)
        stamp = self.stamp(by)
        record = RulebookRecord.publish(rulebook=rulebook, stamp=stamp)
        published = self.find(RulebookRecord, record.id)
        assessment.adopt_rulebook(
            rulebook=rulebook, rulebook_id=record.id, sha256=record.sha256, stamp=stamp
        )
        saved: list[Aggregate] = [assessment] if published else [record, assessment]
        return Outcome(record.sha256, *saved)

    @command
    def enrol_unit(
        self,
        *,
        year: int,
        unit_id: UUID,
        category: str | None = None,
        by: Actor,
        idempotency_key: str | None = None,
    ) -> Outcome[str]:
        assessment = self.year(year, copy=True)
        unit = self.read(Unit, unit_id, field="unit_id")
        chosen = category or unit.category_in(year)
        assessment.enrol(
            unit_id=unit_id,
            category=chosen,
            rulebook=self.rulebook_of(assessment),
            unit_exists=unit.existed_in(year),
            stamp=self.stamp(by),
        )
        return Outcome(chosen, assessment)

    @command
    def close_period(
        self, *, year: int, period: str, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[str]:
        month = Period.parse(period)
        if month.kind is not PeriodKind.MONTH:
            raise errors.InvalidInput(
                "offices close months; quarters and the year roll up from them", field="period"
            )
        assessment = self.year(year, copy=True)
        rulebook = self.rulebook_of(assessment)
        stamp = self.stamp(by)
        lists = {
            u: self.find(TargetList, target_list_id(assessment.id, u)) for u in assessment.roster
        }
        totals = {u: (tl.approved_total() if tl else Decimal(0)) for u, tl in lists.items()}
        assessment.close_month(
            month=month, weight_totals=totals, total_weight=rulebook.total_weight, stamp=stamp
        )
        ends = AssessmentYear.closing_instant(month)
        returns: list[Aggregate] = []
        for unit_id, target_list in sorted(lists.items(), key=lambda item: str(item[0])):
            monthly = self.find(MonthlyReturn, monthly_return_id(assessment.id, unit_id, period))
            if monthly is None:
                monthly = MonthlyReturn.open(
                    year_id=assessment.id, unit_id=unit_id, month=month, stamp=stamp
                )
            expected = target_list.approved_before(ends) if target_list else []
            monthly.close(expected=expected, due_day=rulebook.reporting.due_day, stamp=stamp)
            returns.append(monthly)
        return Outcome(str(month), assessment, *returns)

    @command
    def finalize_year(
        self, *, year: int, by: Actor, idempotency_key: str | None = None
    ) -> Outcome[UUID]:
        assessment = self.year(year, copy=True)
        assessment.finalize(stamp=self.stamp(by))
        return Outcome(assessment.id, assessment)
