"""A client that repeats a request under its idempotency key gets the first answer and
stores nothing more (issue 3, point 6): a timed-out HTTP call can always be retried.
Repeats that arrive at once are in test_idempotency_races.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.actors import Actor
from domain.unit import Unit
from domain.vocabulary import Role
from tests.builders import LEADER, OFFICE, YEAR, enrolled_unit, open_year
from tests.scenarios import (
    assert_rejected,
    event_count,
    topics,
)

KEY = "req-7f3a"


@pytest.fixture
def unit(app: AssessmentApplication) -> UUID:
    open_year(app)
    return enrolled_unit(app, "T01")


def grant(app: AssessmentApplication, unit: UUID, points: str = "0.5", **extra: Any) -> UUID:
    return app.grant_bonus(
        year=YEAR,
        unit_id=unit,
        points=Decimal(points),
        reason="招商引资创新",
        basis="县委常委会纪要",
        **{"by": LEADER, **extra},
    )


def test_a_repeated_grant_returns_the_first_bonus_and_stores_nothing(
    app: AssessmentApplication, unit: UUID
) -> None:
    first = grant(app, unit, idempotency_key=KEY)
    after_first = event_count(app)

    assert grant(app, unit, idempotency_key=KEY) == first
    assert event_count(app) == after_first
    assert topics(app).count("Granted") == 1


def test_a_repeated_rename_returns_the_first_result_instead_of_failing(
    app: AssessmentApplication, unit: UUID
) -> None:
    """Run again, the rename would break 'already has that name'; the key answers first."""

    def rename() -> UUID:
        return app.rename_unit(
            unit_id=unit, name="东城街道", effective_year=YEAR, by=OFFICE, idempotency_key=KEY
        )

    assert rename() == unit
    after_first = event_count(app)

    assert rename() == unit
    assert event_count(app) == after_first
    assert app.read(Unit, unit, field="unit_id").name_in(YEAR) == "东城街道"


def test_the_same_key_with_a_different_input_is_refused(
    app: AssessmentApplication, unit: UUID
) -> None:
    grant(app, unit, idempotency_key=KEY)
    assert_rejected(
        app,
        errors.IdempotencyKeyReused,
        "idempotency_key",
        lambda: grant(app, unit, points="1.5", idempotency_key=KEY),
    )
    assert_rejected(
        app,
        errors.IdempotencyKeyReused,
        "idempotency_key",
        lambda: app.rename_unit(
            unit_id=unit, name="东城街道", effective_year=YEAR, by=LEADER, idempotency_key=KEY
        ),
    )


def test_keys_belong_to_their_user(app: AssessmentApplication, unit: UUID) -> None:
    office_grant = Actor(user_id="office-zhou", role=Role.ASSESSMENT_OFFICE)
    by_leader = grant(app, unit, idempotency_key=KEY)
    by_office = grant(app, unit, by=office_grant, idempotency_key=KEY)

    assert by_leader != by_office
    assert topics(app).count("Granted") == 2


def test_a_rejected_command_does_not_use_up_its_key(app: AssessmentApplication, unit: UUID) -> None:
    assert_rejected(
        app, errors.InvalidInput, "points", lambda: grant(app, unit, "0", idempotency_key=KEY)
    )
    bonus = grant(app, unit, idempotency_key=KEY)
    assert grant(app, unit, idempotency_key=KEY) == bonus
