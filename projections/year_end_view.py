"""The year-end workflow of a year (三查三审一测评一公开, DOMAIN.md §6) as the office reads
it: where it stands (the last step reached, the next step allowed, self-checks made),
every step taken with its actor and time (append-only, like the audit trail: as of a
position is the rows up to it), and the objections with their answers (versioned)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import orjson

from projections.batches import Batch
from projections.checkpoints import version_filter
from projections.record_views import RecordView
from projections.sql import ViewTransaction
from projections.versioned import Key, Values, VersionedTable
from projections.year_records import YearRecords

STATE = VersionedTable(
    "view_year_end",
    keys=[("year_id", "TEXT")],
    values=[
        ("reached", "TEXT"), ("next_step", "TEXT"), ("december_closed", "BIGINT"),
        ("self_checks", "BIGINT"), ("enrolled", "BIGINT"), ("objections_until", "TEXT"),
    ],
)  # fmt: skip
OBJECTIONS = VersionedTable(
    "view_year_end_objections",
    keys=[("year_id", "TEXT"), ("number", "BIGINT")],
    values=[
        ("unit_id", "TEXT"), ("grounds", "TEXT"), ("raised_at", "TEXT"), ("raised_by", "TEXT"),
        ("upheld", "BIGINT"), ("answer", "TEXT"), ("answered_at", "TEXT"),
        ("answered_by", "TEXT"),
    ],
)  # fmt: skip
STEPS = "view_year_end_steps"
_STEP_COLUMNS = (
    "position", "year_id", "step", "event", "recorded_at", "actor_id", "actor_role", "reason",
    "unit_ids", "facts",
)  # fmt: skip


@dataclass(frozen=True)
class YearEndRow:
    reached: str | None
    next_step: str | None  # None once final: after the lock only amendments
    december_closed: bool
    self_checks: int
    enrolled: int
    objections_until: str | None


@dataclass(frozen=True)
class StepRow:
    position: int
    step: str  # a year-end step, or `amendment` after the lock
    event: str
    recorded_at: str
    actor_id: str
    actor_role: str
    reason: str | None
    unit_ids: tuple[str, ...]
    facts: dict[str, str]


@dataclass(frozen=True)
class ObjectionRow:
    number: int
    unit_id: str
    grounds: str
    raised_at: str
    raised_by: str
    upheld: bool | None
    answer: str | None
    answered_at: str | None
    answered_by: str | None


def state_rows(records: YearRecords, owner: UUID) -> dict[Key, Values]:
    year = records.years.get(owner)
    if year is None:
        return {}
    roster, flow = year.roster, year.year_end
    reached = None if flow.reached is None else str(flow.reached)
    following = None if year.finalized else str(flow.next_step(roster))
    until = None if flow.objections_until is None else flow.objections_until.isoformat()
    checked = len([unit for unit in roster if unit in flow.self_checked])
    return {
        (str(owner),): (
            reached, following, int(year.closed_months >= 12), checked, len(roster), until,
        )
    }  # fmt: skip


def objection_rows(records: YearRecords, owner: UUID) -> dict[Key, Values]:
    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        (str(owner), number): (
            str(o.unit_id), o.grounds, o.raised_at.isoformat(), o.raised_by,
            None if o.upheld is None else int(o.upheld), o.answer,
            None if o.answered_at is None else o.answered_at.isoformat(), text(o.answered_by),
        )
        for (year_id, number), o in records.objections.items()
        if year_id == owner
    }  # fmt: skip


class YearEndStepsView:
    """Append-only: a step taken is never changed (a returned review is a step too)."""

    name = "year_end_steps"
    tables = (STEPS,)

    def __init__(self, records: YearRecords) -> None:
        self.records = records

    def create_statements(self) -> list[str]:
        return [
            f"CREATE TABLE IF NOT EXISTS {STEPS} (position BIGINT PRIMARY KEY, year_id TEXT, "
            "step TEXT, event TEXT, recorded_at TEXT, actor_id TEXT, actor_role TEXT, "
            "reason TEXT, unit_ids TEXT, facts TEXT)",
            f"CREATE INDEX IF NOT EXISTS {STEPS}_by_year ON {STEPS} (year_id, position)",
        ]

    def reset(self, tx: ViewTransaction) -> None:
        tx.execute(f"DELETE FROM {STEPS}")

    def load(self, tx: ViewTransaction) -> None:
        """Nothing to compare against: each batch's steps are new rows."""

    def write(self, tx: ViewTransaction, _batch: Batch) -> None:
        marks = ", ".join("%s" for _ in _STEP_COLUMNS)
        tx.executemany(
            f"INSERT INTO {STEPS} ({', '.join(_STEP_COLUMNS)}) VALUES ({marks})",
            [
                (
                    s.position, str(s.year_id), s.step, s.event, s.recorded_at.isoformat(),
                    s.actor_id, s.actor_role, s.reason, ",".join(map(str, s.unit_ids)),
                    orjson.dumps(s.facts).decode(),
                )
                for s in self.records.steps
            ],
        )  # fmt: skip

    def committed(self) -> None:
        pass


def year_end_views(records: YearRecords) -> list[Any]:
    return [
        RecordView(
            "year_end", STATE, records=records, rows_of=state_rows,
            owner_of=lambda key: str(key[0]),
        ),
        RecordView(
            "year_end_objections", OBJECTIONS, records=records, rows_of=objection_rows,
            owner_of=lambda key: str(key[0]),
        ),
        YearEndStepsView(records),
    ]  # fmt: skip


def year_end_state(
    tx: ViewTransaction, *, year_id: UUID, as_of: int | None = None
) -> YearEndRow | None:
    when, version = version_filter(as_of)
    rows = tx.rows(
        "SELECT reached, next_step, december_closed, self_checks, enrolled, objections_until "
        f"FROM {STATE.name} WHERE year_id = %s AND {when}",
        (str(year_id), *version),
    )
    if not rows:
        return None
    reached, following, closed, checks, enrolled, until = rows[0]
    return YearEndRow(
        None if reached is None else str(reached), None if following is None else str(following),
        bool(int(str(closed))), int(str(checks)), int(str(enrolled)),
        None if until is None else str(until),
    )  # fmt: skip


def year_end_steps(tx: ViewTransaction, *, year_id: UUID, upto: int | None = None) -> list[StepRow]:
    """The steps taken in log order, up to position `upto` when given."""
    limit, params = ("AND position <= %s", (upto,)) if upto is not None else ("", ())
    rows = tx.rows(
        f"SELECT {', '.join(_STEP_COLUMNS)} FROM {STEPS} WHERE year_id = %s {limit} "
        "ORDER BY position",
        (str(year_id), *params),
    )
    return [
        StepRow(
            int(str(position)), str(step), str(event), str(at), str(actor), str(role),
            None if reason is None else str(reason),
            tuple(unit for unit in str(units or "").split(",") if unit),
            orjson.loads(str(facts)),
        )
        for position, _year, step, event, at, actor, role, reason, units, facts in rows
    ]  # fmt: skip


def objections(
    tx: ViewTransaction, *, year_id: UUID, as_of: int | None = None
) -> list[ObjectionRow]:
    when, version = version_filter(as_of)
    rows = tx.rows(
        "SELECT number, unit_id, grounds, raised_at, raised_by, upheld, answer, answered_at, "
        f"answered_by FROM {OBJECTIONS.name} WHERE year_id = %s AND {when} ORDER BY number",
        (str(year_id), *version),
    )

    def text(value: object) -> str | None:
        return None if value is None else str(value)

    return [
        ObjectionRow(
            int(str(number)), str(unit), str(grounds), str(raised), str(by),
            None if upheld is None else bool(int(str(upheld))), text(answer), text(answered),
            text(answerer),
        )
        for number, unit, grounds, raised, by, upheld, answer, answered, answerer in rows
    ]  # fmt: skip
