"""Small years for scenario and property tests: units with two targets each (A: 60
points, goal 100; B: 40 points, four milestones) reported in December, plus a list of
decisions applied in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.events import DomainEvent
from domain.rulebook.model import Rulebook
from domain.vocabulary import SanctionKind, ScoringMode
from tests.builders import qualitative, quantitative, standard_rulebook
from tests.unit.scoring.year_builder import YearBuilder

MILESTONES = ("m1", "m2", "m3", "m4")


@dataclass(frozen=True)
class PlannedUnit:
    code: str
    category: str = "town"
    value: str = "100"  # A's December value
    done: int = 4  # B's milestones done by December
    baseline: str | None = None  # a zero-base A above this baseline


@dataclass(frozen=True)
class Op:
    kind: str  # "bonus", "notice", "red_flag" or a sanction kind
    code: str
    month: int = 6
    points: str = "1"
    revoked_in: int | None = None


def build(
    units: Sequence[PlannedUnit],
    ops: Sequence[Op] = (),
    *,
    year: int = 2025,
    rulebook: Rulebook | None = None,
) -> tuple[list[DomainEvent], dict[str, UUID]]:
    b = YearBuilder(rulebook or standard_rulebook(), year)
    ids, targets = {}, {}
    for plan in units:
        unit = ids[plan.code] = b.unit(plan.code, plan.category)
        if plan.baseline is None:
            a = quantitative(weight="60", goal="100")
        else:
            a = quantitative("60", "100", plan.baseline, mode=ScoringMode.ZERO_BASE)
        targets[plan.code] = (b.target(unit, a), b.target(unit, qualitative(weight="40")))
    for plan in units:
        a_id, b_id = targets[plan.code]
        b.report(ids[plan.code], a_id, 12, value=plan.value)
        b.report(ids[plan.code], b_id, 12, milestones=MILESTONES[: plan.done])
    for op in ops:
        _apply(b, op, ids[op.code])
    return b.events, ids


def _apply(b: YearBuilder, op: Op, unit: UUID) -> None:
    if op.kind == "bonus":
        record = b.bonus(unit, op.points, op.month)
    elif op.kind == "notice":
        b.notice(unit, op.month)
        return
    elif op.kind == "red_flag":
        b.red_flag(unit, op.month)
        return
    else:
        record = b.sanction(unit, SanctionKind(op.kind), op.month)
    if op.revoked_in is not None:
        b.revoke(record, max(op.month, op.revoked_in))


def points(value: str) -> Decimal:
    return Decimal(value)
