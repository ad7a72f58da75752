"""The assessment year (考核年度): rulebook, roster, closing of months, finalization.

Its year-end workflow (domain/year_end/) is a base class: those events are part of the
year's stream, and finalization is the workflow's last step."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain import errors
from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp
from domain.ids import year_id
from domain.periods import OFFICE_TZ, Period
from domain.rulebook.model import Rulebook
from domain.year_end.steps import YearEndState, YearEndStep
from domain.year_end.workflow import YearEndWorkflow


class AssessmentYear(YearEndWorkflow):
    class Opened(Aggregate.Created):
        jurisdiction: str
        year: int

        def apply(self, agg: AssessmentYear) -> None:
            agg.jurisdiction, agg.year = self.jurisdiction, self.year
            agg.rulebook_id, agg.rulebook_version, agg.rulebook_sha256 = None, None, None
            agg.roster, agg.closed_months, agg.finalized = {}, 0, False
            agg.year_end = YearEndState()

    class RulebookAdopted(Aggregate.Event):
        rulebook_id: UUID
        version: str
        sha256: str

        def apply(self, agg: AssessmentYear) -> None:
            agg.rulebook_id, agg.rulebook_version = self.rulebook_id, self.version
            agg.rulebook_sha256 = self.sha256

    class UnitEnrolled(Aggregate.Event):
        unit_id: UUID
        category: str

        def apply(self, agg: AssessmentYear) -> None:
            agg.roster[self.unit_id] = self.category

    class PeriodClosed(Aggregate.Event):
        period: str

        def apply(self, agg: AssessmentYear) -> None:
            agg.closed_months += 1

    class Finalized(Aggregate.Event):
        """Final and locked: the year end's last step."""

        def apply(self, agg: AssessmentYear) -> None:
            agg.finalized = True
            agg.year_end.reached = YearEndStep.FINAL

    class AmendedAfterFinalization(Aggregate.Event):
        subject_id: UUID
        command: str

    jurisdiction: str
    year: int
    rulebook_id: UUID | None
    rulebook_version: str | None
    rulebook_sha256: str | None
    roster: dict[UUID, str]
    closed_months: int
    finalized: bool

    @classmethod
    def open(cls, *, jurisdiction: str, year: int, stamp: Stamp) -> AssessmentYear:
        require_duty(stamp.actor_role, Duty.OPEN_YEAR)
        if not 2000 <= year <= 2100:
            raise errors.InvalidInput(f"year {year} is out of range 2000..2100", field="year")
        if not jurisdiction.strip():
            raise errors.InvalidInput("jurisdiction must not be empty", field="jurisdiction")
        return cls._begin(
            cls.Opened,
            id=year_id(jurisdiction, year),
            stamp=stamp,
            jurisdiction=jurisdiction,
            year=year,
        )

    def adopt_rulebook(
        self, *, rulebook: Rulebook, rulebook_id: UUID, sha256: str, stamp: Stamp
    ) -> None:
        require_duty(stamp.actor_role, Duty.ADOPT_RULEBOOK)
        self._require_not_finalized()
        if self.closed_months:
            raise errors.PeriodClosed(
                "a rulebook is adopted before the first month closes; replay a closed year "
                "under a revised rulebook instead",
                field="rulebook",
            )
        if rulebook.jurisdiction != self.jurisdiction:
            raise errors.RulebookInvalid(
                f"rulebook is for '{rulebook.jurisdiction}', not '{self.jurisdiction}'",
                field="rulebook.jurisdiction",
            )
        missing = set(self.roster.values()) - rulebook.category_keys()
        if missing:
            raise errors.UnknownCategory(
                f"enrolled units use categories {sorted(missing)} the rulebook does not rank",
                field="rulebook.categories",
            )
        self._record(
            self.RulebookAdopted,
            stamp,
            rulebook_id=rulebook_id,
            version=rulebook.version,
            sha256=sha256,
        )

    def enrol(
        self, *, unit_id: UUID, category: str, rulebook: Rulebook, unit_exists: bool, stamp: Stamp
    ) -> None:
        require_duty(stamp.actor_role, Duty.ENROL_UNIT)
        self._require_not_finalized()
        self.require_rulebook()
        if not unit_exists:
            raise errors.UnitNotInYear(f"the unit did not exist in {self.year}", field="unit_id")
        if category not in rulebook.category_keys():
            raise errors.UnknownCategory(
                f"category '{category}' is not ranked by rulebook {rulebook.version}",
                field="category",
            )
        if self.roster.get(unit_id) == category:
            raise errors.AlreadyExists(
                "the unit is already enrolled in that category", field="unit_id"
            )
        self._record(self.UnitEnrolled, stamp, unit_id=unit_id, category=category)

    def next_month(self) -> Period:
        return Period.month(self.year, self.closed_months + 1)

    def close_month(
        self,
        *,
        month: Period,
        weight_totals: Mapping[UUID, Decimal],
        total_weight: Decimal,
        stamp: Stamp,
    ) -> None:
        require_duty(stamp.actor_role, Duty.CLOSE_PERIOD)
        self._require_not_finalized()
        self.require_rulebook()
        if self.closed_months == 12 or month != self.next_month():
            expected = self.next_month() if self.closed_months < 12 else "none"
            raise errors.PeriodOutOfOrder(
                f"the next month to close is {expected}, not {month}",
                field="period",
            )
        if stamp.at.astimezone(OFFICE_TZ).date() < month.next_month().starts_on:
            raise errors.PeriodNotEnded(f"{month} has not ended yet", field="period")
        for unit_id in sorted(self.roster, key=str):
            total = weight_totals.get(unit_id, Decimal(0))
            if total != total_weight:
                raise errors.TargetWeightsIncomplete(
                    f"unit {unit_id} has approved target weights {total}, not {total_weight}; "
                    "every assessed unit needs its full list before a month closes",
                    field="unit_id",
                )
        self._record(self.PeriodClosed, stamp.about(str(month)), period=str(month))

    def finalize(self, *, stamp: Stamp) -> None:
        require_duty(stamp.actor_role, Duty.FINALIZE_YEAR)
        self._require_not_finalized()
        if self.closed_months < 12:
            raise errors.PeriodOutOfOrder(
                f"{12 - self.closed_months} month(s) are still open", field="year"
            )
        self.year_end.require_next(YearEndStep.FINAL, self.roster)
        self._record(self.Finalized, stamp)

    def authorize_change(
        self, *, subject_id: UUID, command: str, amendment_reason: str | None, stamp: Stamp
    ) -> bool:
        """Anything may change an open year; a finalized one only by a recorded amendment.

        Returns whether an amendment was recorded (so the year is saved with the change).
        """
        if not self.finalized:
            if amendment_reason is not None:
                raise errors.InvalidInput(
                    "amendments are for finalized years only", field="amendment_reason"
                )
            return False
        if not (amendment_reason and amendment_reason.strip()):
            raise errors.YearFinalized(
                f"{self.year} is finalized; give an amendment reason to change it",
                field="amendment_reason",
            )
        self._record(
            self.AmendedAfterFinalization,
            stamp.because(amendment_reason),
            subject_id=subject_id,
            command=command,
        )
        return True

    def is_month_closed(self, month: Period) -> bool:
        return month.year == self.year and month.index <= self.closed_months

    def require_rulebook(self) -> UUID:
        if self.rulebook_id is None:
            raise errors.RulebookNotAdopted(f"{self.year} has no rulebook adopted", field="year")
        return self.rulebook_id

    def require_enrolled(self, unit_id: UUID) -> str:
        try:
            return self.roster[unit_id]
        except KeyError:
            raise errors.NotEnrolled(
                f"the unit is not assessed in {self.year}", field="unit_id"
            ) from None

    @staticmethod
    def closing_instant(month: Period) -> datetime:
        return datetime.combine(month.next_month().starts_on, datetime.min.time(), OFFICE_TZ)
