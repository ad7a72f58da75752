"""The audit trail (DOMAIN.md §5): every event in log order, with who, when, why and the
evidence, findable by unit, target, supervision case or actor.

One row per event, never changed (the log is append-only, so the trail as of position P
is simply the rows up to P). The unit, target and case an event concerns come from its
own fields, or from the aggregate it belongs to (learned from that aggregate's first
event that names them), so "everything about unit X" includes its monthly returns' and
target list's events as well as the sanctions imposed on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import orjson

from domain.events import DomainEvent, event_field
from projections.batches import Batch
from projections.sql import ViewTransaction

TABLE = "view_audit_trail"
_COLUMNS = (
    "position", "event_ref", "event", "aggregate", "recorded_at", "actor_id", "actor_role",
    "acting_unit", "reason", "effective_period", "correlation_id", "unit_id", "target_id",
    "case_id", "evidence", "facts",
)  # fmt: skip
_ENVELOPE = {"originator_id", "originator_version", "timestamp", "meta", "originator_topic"}
SUBJECTS = ("unit_id", "target_id", "case_id", "actor_id")


@dataclass(frozen=True)
class AuditEntry:
    position: int
    event_ref: str
    event: str
    aggregate: str
    recorded_at: str
    actor_id: str
    actor_role: str
    acting_unit: str | None
    reason: str | None
    effective_period: str | None
    correlation_id: str | None
    unit_id: str | None
    target_id: str | None
    case_id: str | None
    evidence: list[dict[str, Any]]
    facts: dict[str, Any]


class Subjects:
    """Which unit or case each aggregate is about, as its events reveal it (a state the
    runner folds from the start of the log, so it survives restarts)."""

    def __init__(self) -> None:
        self.unit_of: dict[UUID, str] = {}
        self.case_of: dict[UUID, str] = {}

    def apply(self, batch: Batch) -> None:
        for logged in batch.events:
            self.learn(logged.event)

    def learn(self, event: DomainEvent) -> None:
        aggregate = _aggregate_name(event)
        origin = event.originator_id
        if aggregate == "Unit":
            self.unit_of[origin] = str(origin)
        elif aggregate == "SupervisionCase":
            self.case_of[origin] = str(origin)
        unit = event_field(event, "unit_id") or event_field(event, "lead_unit")
        if unit is not None and aggregate not in {"AssessmentYear", "RedFlagRound"}:
            self.unit_of.setdefault(origin, str(unit))

    def unit(self, event: DomainEvent) -> str | None:
        own = event_field(event, "unit_id")
        return str(own) if own is not None else self.unit_of.get(event.originator_id)


class AuditTrailView:
    name = "audit_trail"
    tables = (TABLE,)

    def __init__(self, subjects: Subjects) -> None:
        self.subjects = subjects

    def create_statements(self) -> list[str]:
        columns = ", ".join(
            f"{c} BIGINT PRIMARY KEY" if c == "position" else f"{c} TEXT" for c in _COLUMNS
        )
        indexes = [
            f"CREATE INDEX IF NOT EXISTS {TABLE}_{s} ON {TABLE} ({s}, position)" for s in SUBJECTS
        ]
        by_ref = f"CREATE INDEX IF NOT EXISTS {TABLE}_event_ref ON {TABLE} (event_ref)"
        return [f"CREATE TABLE IF NOT EXISTS {TABLE} ({columns})", *indexes, by_ref]

    def reset(self, tx: ViewTransaction) -> None:
        tx.execute(f"DELETE FROM {TABLE}")

    def load(self, tx: ViewTransaction) -> None:
        """Rows are only ever added: there is no baseline to compare with."""

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        tx.insert(
            TABLE, _COLUMNS, [self._row(logged.position, logged.event) for logged in batch.events]
        )

    def committed(self) -> None:
        """Nothing held in memory depends on the commit."""

    def _row(self, position: int, event: DomainEvent) -> tuple[Any, ...]:
        facts_json = event.__pydantic_serializer__.to_json(event, exclude=_ENVELOPE)
        # Only a few kinds of event carry evidence files: parse only those again.
        evidence = _evidence(orjson.loads(facts_json)) if b'"evidence"' in facts_json else []
        meta = event.meta
        target = event_field(event, "target_id")
        return (
            position,
            f"{event.originator_id}@{event.originator_version}",
            type(event).__name__,
            _aggregate_name(event),
            event.timestamp.isoformat(),
            meta.actor_id,
            str(meta.actor_role),
            str(meta.acting_unit) if meta.acting_unit else None,
            meta.reason,
            meta.effective_period,
            meta.correlation_id,
            self.subjects.unit(event),
            None if target is None else str(target),
            self.subjects.case_of.get(event.originator_id),
            orjson.dumps(evidence).decode(),
            facts_json.decode(),
        )


def trail(
    tx: ViewTransaction,
    *,
    subject: str,
    value: str,
    after: int = 0,
    upto: int | None = None,
    first: int = 50,
    unit_id: str | None = None,
) -> list[AuditEntry]:
    """One subject's events after position `after` (a keyset cursor), at most `first`,
    as of position `upto` (default: everything projected); only those about `unit_id`
    when given (what a unit's own user may see)."""
    if subject not in SUBJECTS:
        raise ValueError(f"subject must be one of {', '.join(SUBJECTS)}")
    unit_filter, unit_params = ("AND unit_id = %s", (unit_id,)) if unit_id else ("", ())
    rows = tx.rows(
        f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} WHERE {subject} = %s AND position > %s "
        f"AND position <= %s {unit_filter} ORDER BY position LIMIT %s",
        (value, after, upto if upto is not None else 2**62, *unit_params, first),
    )
    return [_entry(row) for row in rows]


def trails(
    tx: ViewTransaction,
    *,
    subject: str,
    values: Sequence[str],
    after: int = 0,
    upto: int | None = None,
    first: int = 50,
    unit_id: str | None = None,
) -> dict[str, list[AuditEntry]]:
    """The first page of each of several subjects' trails in one statement (the review
    histories of a page of targets), by subject."""
    if subject not in SUBJECTS:
        raise ValueError(f"subject must be one of {', '.join(SUBJECTS)}")
    wanted = list(dict.fromkeys(values))
    if not wanted:
        return {}
    unit_filter, unit_params = ("AND unit_id = %s", (unit_id,)) if unit_id else ("", ())
    columns = ", ".join(_COLUMNS)
    rows = tx.rows(
        f"SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER "
        f"(PARTITION BY {subject} ORDER BY position) AS n FROM {TABLE} "
        f"WHERE {subject} IN ({', '.join('%s' for _ in wanted)}) AND position > %s "
        f"AND position <= %s {unit_filter}) AS page WHERE n <= %s ORDER BY position",
        (*wanted, after, upto if upto is not None else 2**62, *unit_params, first),
    )
    found: dict[str, list[AuditEntry]] = {}
    for entry in map(_entry, rows):
        found.setdefault(str(getattr(entry, subject)), []).append(entry)
    return found


def by_refs(tx: ViewTransaction, refs: Sequence[str]) -> dict[str, AuditEntry]:
    """The entries of the events named by reference ("<originator id>@<version>", as
    score lines name them), in one statement."""
    wanted = list(dict.fromkeys(refs))
    if not wanted:
        return {}
    rows = tx.rows(
        f"SELECT {', '.join(_COLUMNS)} FROM {TABLE} "
        f"WHERE event_ref IN ({', '.join('%s' for _ in wanted)})",
        wanted,
    )
    return {entry.event_ref: entry for entry in map(_entry, rows)}


def _entry(row: Sequence[Any]) -> AuditEntry:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["position"] = int(values["position"])
    values["evidence"] = orjson.loads(values["evidence"])
    values["facts"] = orjson.loads(values["facts"])
    return AuditEntry(**values)


def _aggregate_name(event: DomainEvent) -> str:
    return type(event).__qualname__.split(".")[0]


def _evidence(value: Any) -> list[dict[str, Any]]:
    """Every evidence file named anywhere in the event's facts."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "evidence" and isinstance(item, list):
                found.extend(entry for entry in item if isinstance(entry, dict))
            else:
                found.extend(_evidence(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_evidence(item))
    return found
