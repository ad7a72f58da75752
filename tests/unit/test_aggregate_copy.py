"""Commands change a copy of a cached aggregate: the copy must equal the original and
share nothing that a change could reach."""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain.copying import copy_state
from domain.periods import OFFICE_TZ, Period
from domain.reports.evidence import Progress
from domain.reports.monthly_return import MonthlyReturn
from domain.vocabulary import Role
from tests.unit.helpers import TOWN, YEAR_ID, full_list, stamp, target_list, unit_user

FEB_3 = datetime(2025, 2, 3, 10, tzinfo=OFFICE_TZ)


def a_return_with_reports() -> tuple[MonthlyReturn, list[UUID]]:
    targets = target_list()
    ids = full_list(targets)
    monthly = MonthlyReturn.open(
        year_id=YEAR_ID, unit_id=TOWN, month=Period.parse("2025-01"), stamp=unit_user(TOWN)
    )
    for target_id in ids[1::2]:
        progress = Progress(value=Decimal("1.5"), narrative="完成路基1.5公里")
        monthly.report(
            target=targets.target(target_id), progress=progress, stamp=unit_user(TOWN, at=FEB_3)
        )
    monthly.collect_events()
    return monthly, ids


def test_a_copied_target_list_has_the_same_state_and_its_own_containers() -> None:
    targets = target_list()
    full_list(targets)

    clone = copy.deepcopy(targets)

    assert clone is not targets
    assert type(clone) is type(targets)
    assert clone.__dict__.keys() == targets.__dict__.keys()
    for name, value in targets.__dict__.items():
        assert getattr(clone, name) == value, name
        if isinstance(value, dict | list | set):
            assert getattr(clone, name) is not value, name


def test_changing_a_copied_return_leaves_the_original_as_it_was() -> None:
    monthly, ids = a_return_with_reports()
    before = {target_id: (s.status, s.progress) for target_id, s in monthly.reports.items()}

    clone = copy.deepcopy(monthly)
    clone.verify(target_id=ids[1], approve=True, stamp=stamp(Role.REVIEWER, at=FEB_3))
    clone.reports.clear()

    assert {t: (s.status, s.progress) for t, s in monthly.reports.items()} == before
    assert monthly.version == clone.version - 1
    assert monthly.pending_events == []


def test_shared_mutable_values_stay_shared_in_the_copy() -> None:
    shared: list[int] = [1]
    state = {"a": shared, "b": shared, "when": FEB_3}

    clone = copy_state(state, {})

    assert clone["a"] is clone["b"]
    assert clone["a"] is not shared
    assert clone["when"] is FEB_3
