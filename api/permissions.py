"""Who may run each operation, checked before anything is read or stored.

Mutations carry the duty of the command they run: the roles allowed are those
`domain.actors.DUTIES` gives that duty, the same table the aggregates check, so the API
and the domain cannot disagree (a second check in the domain is a backstop, not a
second opinion). A target's review is decided per level (`REVIEW_ROLES`). A `unit` user
acts only for its own unit: where the input names a unit, it must be theirs.

Reads: the office roles, leaders, reviewers and inspectors read everything (DOMAIN.md
§1); a `unit` user reads the year's own facts and its own unit only; the public reads
nothing. A view across units (a ranking, the warning board) shows a unit user its own
unit's rows alone (`UNIT_ROWS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from domain.actors import DUTIES, REVIEW_ROLES, Actor, Duty
from domain.errors import Forbidden
from domain.vocabulary import ReviewLevel, Role

READERS = frozenset(Role) - {Role.UNIT, Role.PUBLIC}


class ReadScope(StrEnum):
    YEAR = "year"  # facts of the assessment year itself: every signed-in user
    UNIT = "unit"  # one unit's records: readers, and that unit's own users
    ALL_UNITS = "all_units"  # records across units (the event log): readers only
    UNIT_ROWS = "unit_rows"  # rows across units: readers all, a unit user its own unit's
    INSPECTION = "inspection"  # the inspectors' own tools (verifying the whole log)


@dataclass(frozen=True)
class Guard:
    """What a mutation needs: the duty of its command (or, for a review, the role of
    the level), and whether the input names the unit a `unit` user must own."""

    duty: Duty | None
    unit_scoped: bool = False

    @property
    def roles(self) -> frozenset[Role]:
        if self.duty is None:
            return frozenset(REVIEW_ROLES.values())
        return DUTIES[self.duty]

    def check(self, actor: Actor, *, unit_id: UUID | None = None) -> None:
        if actor.role not in self.roles:
            what = self.duty.replace("_", " ") if self.duty else "review targets"
            raise Forbidden(f"role '{actor.role}' may not {what}", field="authorization")
        if self.unit_scoped:
            require_own_unit(actor, unit_id)


# Filled as the feature modules define their mutations: GraphQL field name → guard.
MUTATION_GUARDS: dict[str, Guard] = {}
QUERY_SCOPES: dict[str, ReadScope] = {}


def review_guard(actor: Actor, level: ReviewLevel) -> None:
    if actor.role is not REVIEW_ROLES[level]:
        raise Forbidden(
            f"the {level} level is decided by role '{REVIEW_ROLES[level]}'", field="input.level"
        )


def require_own_unit(actor: Actor, unit_id: UUID | None) -> None:
    if actor.role is Role.UNIT and actor.unit_id != unit_id:
        raise Forbidden("a unit user may act only for its own unit", field="input.unitId")


def require_reader(actor: Actor, scope: ReadScope, unit_id: UUID | None = None) -> None:
    if scope is ReadScope.INSPECTION:
        if actor.role is not Role.INSPECTOR:
            raise Forbidden("only an inspector verifies the log", field="authorization")
        return
    if actor.role in READERS:
        return
    if actor.role is Role.UNIT and scope is ReadScope.YEAR:
        return
    if actor.role is Role.UNIT and scope is ReadScope.UNIT and actor.unit_id == unit_id:
        return
    raise Forbidden(f"role '{actor.role}' may not read this", field="authorization")


def readable_unit(actor: Actor, requested: UUID | None, field: str = "unitId") -> UUID | None:
    """Whose rows `actor` reads of a view across units (`UNIT_ROWS`): for a reader the
    unit asked for (None: every unit); for a unit user its own, whatever it asked for
    but another unit, which is FORBIDDEN."""
    if actor.role in READERS:
        return requested
    if actor.role is Role.UNIT:
        if requested is not None and requested != actor.unit_id:
            raise Forbidden("a unit user may read only its own unit", field=field)
        return actor.unit_id
    raise Forbidden(f"role '{actor.role}' may not read this", field="authorization")
