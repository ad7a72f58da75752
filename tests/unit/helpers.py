"""Stamps, aggregates in a known state, and the assertion every invariant test makes:
the exact error class, its stable code, the field it names — and nothing recorded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from uuid import UUID

import pytest

from domain.errors import DomainError
from domain.events import Aggregate, Stamp
from domain.ids import unit_id as make_unit_id
from domain.ids import year_id
from domain.periods import OFFICE_TZ, Period
from domain.rulebook.model import Rulebook
from domain.targets.spec import TargetSpec
from domain.targets.target_list import TargetList, WeightTerms
from domain.vocabulary import REVIEW_ORDER, Role
from domain.year import AssessmentYear
from tests.builders import qualitative, quantitative, standard_rulebook

JURISDICTION = "demo-county"
YEAR = 2025
YEAR_ID = year_id(JURISDICTION, YEAR)
TOWN = make_unit_id(JURISDICTION, "T01")
OTHER_TOWN = make_unit_id(JURISDICTION, "T02")
DEPARTMENT = make_unit_id(JURISDICTION, "D01")
JAN_6 = datetime(2025, 1, 6, 9, 0, tzinfo=OFFICE_TZ)
OPEN_TERMS = WeightTerms(total=Decimal(100), must_be_complete=False)
CLOSED_TERMS = WeightTerms(total=Decimal(100), must_be_complete=True)
REVIEW_ROLE_OF = {
    REVIEW_ORDER[0]: Role.REVIEWER,
    REVIEW_ORDER[1]: Role.ASSESSMENT_OFFICE,
    REVIEW_ORDER[2]: Role.LEADER,
    REVIEW_ORDER[3]: Role.LEADER,
}


def stamp(
    role: Role,
    *,
    at: datetime = JAN_6,
    unit: UUID | None = None,
    reason: str | None = None,
) -> Stamp:
    return Stamp(actor_id=f"{role}-user", actor_role=role, acting_unit=unit, at=at, reason=reason)


def office(*, at: datetime = JAN_6, reason: str | None = None) -> Stamp:
    return stamp(Role.ASSESSMENT_OFFICE, at=at, reason=reason)


def unit_user(unit: UUID, *, at: datetime = JAN_6) -> Stamp:
    return stamp(Role.UNIT, at=at, unit=unit)


def office_time(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OFFICE_TZ)


@contextmanager
def refused(
    aggregate: Aggregate | None, error: type[DomainError], code: str, field: str | None
) -> Iterator[None]:
    """The block must raise exactly `error` naming `field`, and leave `aggregate` as it was.

    `aggregate` is None when the refused call would have created one.
    """
    version = None
    if aggregate is not None:
        aggregate.collect_events()
        version = aggregate.version
    with pytest.raises(DomainError) as caught:
        yield
    assert type(caught.value) is error, f"raised {type(caught.value).__name__}: {caught.value}"
    assert caught.value.code == code
    assert caught.value.field == field
    if aggregate is not None:
        assert len(aggregate.pending_events) == 0
        assert aggregate.version == version


def event_names(aggregate: Aggregate) -> list[str]:
    return [type(event).__name__ for event in aggregate.collect_events()]


def rulebook() -> Rulebook:
    return standard_rulebook()


def open_year(*, adopted: bool = True, units: dict[UUID, str] | None = None) -> AssessmentYear:
    """The demo county's 2025, with the standard rulebook and the given units enrolled."""
    year = AssessmentYear.open(jurisdiction=JURISDICTION, year=YEAR, stamp=office())
    if adopted:
        year.adopt_rulebook(
            rulebook=rulebook(), rulebook_id=YEAR_ID, sha256="a" * 64, stamp=office()
        )
    for unit_id, category in (units or {}).items():
        year.enrol(
            unit_id=unit_id,
            category=category,
            rulebook=rulebook(),
            unit_exists=True,
            stamp=office(),
        )
    year.collect_events()
    return year


def close_months(year: AssessmentYear, count: int, totals: dict[UUID, Decimal]) -> None:
    for index in range(year.closed_months + 1, year.closed_months + count + 1):
        month = Period.month(year.year, index)
        after = AssessmentYear.closing_instant(month)
        year.close_month(
            month=month, weight_totals=totals, total_weight=Decimal(100), stamp=office(at=after)
        )
    year.collect_events()


def target_list(unit: UUID = TOWN) -> TargetList:
    targets = TargetList.open(year_id=YEAR_ID, unit_id=unit, year=YEAR, stamp=office())
    targets.collect_events()
    return targets


def approve(
    targets: TargetList, target_id: UUID, *, terms: WeightTerms = OPEN_TERMS, at: datetime = JAN_6
) -> None:
    for level in REVIEW_ORDER:
        targets.review(
            target_id=target_id,
            level=level,
            approve=True,
            terms=terms,
            stamp=stamp(REVIEW_ROLE_OF[level], at=at),
        )


def approved(targets: TargetList, spec: TargetSpec, *, at: datetime = JAN_6) -> UUID:
    target_id = targets.propose(spec=spec, stamp=unit_user(targets.unit_id, at=at))
    approve(targets, target_id, at=at)
    targets.collect_events()
    return target_id


def full_list(targets: TargetList) -> list[UUID]:
    """Ten approved targets of 10 points, alternately qualitative and quantitative."""
    specs = [quantitative() if i % 2 else qualitative() for i in range(10)]
    return [approved(targets, spec) for spec in specs]
