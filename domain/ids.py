"""Deterministic aggregate ids from natural keys.

Natural keys make uniqueness a property of the event store (a second 'create' of the
same id is a version conflict) and make a generated demo year reproducible.
"""

from __future__ import annotations

from functools import lru_cache
from uuid import UUID, uuid5

NAMESPACE = UUID("6f1d0c8e-3b1e-5d7a-9c55-2f0e1a9b7c11")


def _id(*parts: object) -> UUID:
    return _named("/".join(str(p) for p in parts))


@lru_cache(maxsize=65536)
def _named(name: str) -> UUID:
    # Every command derives the ids of the year, list and return it touches; SHA-1 per
    # call was a visible share of a command's CPU.
    return uuid5(NAMESPACE, name)


def year_id(jurisdiction: str, year: int) -> UUID:
    return _id("year", jurisdiction, year)


def unit_id(jurisdiction: str, code: str) -> UUID:
    return _id("unit", jurisdiction, code)


def rulebook_id(sha256: str) -> UUID:
    return _id("rulebook", sha256)


def target_list_id(year_aggregate_id: UUID, unit: UUID) -> UUID:
    return _id("target-list", year_aggregate_id, unit)


def target_id(list_id: UUID, number: int) -> UUID:
    return _id("target", list_id, number)


def monthly_return_id(year_aggregate_id: UUID, unit: UUID, month: str) -> UUID:
    return _id("monthly-return", year_aggregate_id, unit, month)


def red_flag_round_id(year_aggregate_id: UUID, month: str) -> UUID:
    return _id("red-flag-round", year_aggregate_id, month)


def derived_id(kind: str, *parts: object) -> UUID:
    """Id of a one-off record (bonus, sanction, notice) from its creating request."""
    return _id(kind, *parts)


def special_assessment_id(year_aggregate_id: UUID, key: str) -> UUID:
    return _id("special-assessment", year_aggregate_id, key)
