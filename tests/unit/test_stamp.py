"""A stamp says who decides, when and why. Its time must carry a zone: month ends and due
days are judged in office time, and a naive time would silently mean the server's."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from domain.actors import Actor
from domain.events import Stamp
from domain.vocabulary import Role
from tests.unit.helpers import TOWN, office_time


def test_a_stamp_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        Stamp(actor_id="office-li", actor_role=Role.ASSESSMENT_OFFICE, at=datetime(2025, 3, 1))
    assert caught.value.errors()[0]["loc"] == ("at",)


def test_a_stamp_carries_the_actor_into_the_events_metadata() -> None:
    filler = Actor(user_id="filler-1", role=Role.UNIT, unit_id=TOWN)
    stamp = Stamp.of(filler, at=office_time(2025, 3, 1), correlation_id="req-1")
    meta = stamp.because("补报").about("2025-02").meta()
    assert (meta.actor_id, meta.actor_role, meta.acting_unit) == ("filler-1", Role.UNIT, TOWN)
    assert (meta.reason, meta.effective_period, meta.correlation_id) == (
        "补报",
        "2025-02",
        "req-1",
    )
