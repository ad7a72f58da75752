"""The reminder outbox (DOMAIN.md §5): when a target's warning level changes, one
reminder per person the rulebook says that level reminds (警铃 → the filler, 黄牌 → also
the leader in charge, 红牌 → also the unit's main leader), for an SMS or notification
gateway to deliver. Supervision cases' urging reminders (催办, `case_urgings.py`) go
through the same outbox and sender, with their case named.

A target's level is its level in the latest month of the year so far. A reminder's id
is derived from what it is about (year, target, month, level, recipient), and rows are
only ever inserted if absent, so a rebuild or a restart never creates a second one; the
outbox is not emptied by a rebuild either, so what was sent stays marked sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID, uuid5

from domain.events import DomainEvent, event_field
from domain.ids import NAMESPACE
from domain.people import Person
from domain.scoring.result import ScoreLine, TargetWarning
from domain.targets.target_list import TargetList
from domain.unit import Unit
from projections.batches import Batch
from projections.result_view import uuid_text
from projections.score_state import ScoreState
from projections.sql import ViewTransaction

TABLE = "reminder_outbox"
_COLUMNS = (
    "id", "year_id", "target_id", "unit_id", "month", "level", "recipient_role",
    "recipient_name", "recipient_contact", "message", "position",
)  # fmt: skip
_LEVEL_WORDS = {"bell": "警铃", "yellow": "黄牌", "red": "红牌"}


@dataclass(frozen=True)
class Reminder:
    id: str
    target_id: str
    unit_id: str
    month: str
    level: str
    recipient_role: str
    recipient_name: str
    recipient_contact: str | None
    message: str
    case_id: str | None = None  # an urging reminder (催办) of a supervision case


class Contacts:
    """Who is who: each target's responsibilities and each unit's leaders, as the latest
    events name them (a state the runner folds from the start of the log)."""

    def __init__(self) -> None:
        self.of_target: dict[str, dict[str, Person]] = {}
        self.title_of_target: dict[str, str] = {}
        self.main_leader: dict[str, Person] = {}
        self.unit_name: dict[str, str] = {}

    def apply(self, batch: Batch) -> None:
        for logged in batch.events:
            self.learn(logged.event)

    def learn(self, event: DomainEvent) -> None:
        spec = event_field(event, "spec")
        if isinstance(event, TargetList.Event) and spec is not None:
            target = str(event.target_id)  # type: ignore[attr-defined]
            duties = spec.responsibilities
            self.of_target[target] = {
                "filler": duties.filler,
                "leader_in_charge": duties.leader_in_charge,
            }
            self.title_of_target[target] = spec.title
        if isinstance(event, Unit.Registered | Unit.LeadersChanged):
            self.main_leader[str(event.originator_id)] = event.main_leader
        if isinstance(event, Unit.Registered | Unit.Renamed):
            self.unit_name[str(event.originator_id)] = event.name


class ReminderOutboxView:
    name = "reminder_outbox"
    tables = (TABLE,)

    def __init__(self, scores: ScoreState, contacts: Contacts) -> None:
        self.scores, self.contacts = scores, contacts
        self._levels: dict[tuple[str, str], str] = {}  # (year id, target id) → level
        self._pending: dict[tuple[str, str], str] = {}

    def create_statements(self) -> list[str]:
        columns = ", ".join(
            "id TEXT PRIMARY KEY" if c == "id" else f"{c} {'BIGINT' if c == 'position' else 'TEXT'}"
            for c in _COLUMNS
        )
        return [
            f"CREATE TABLE IF NOT EXISTS {TABLE} ({columns}, sent_at TEXT, "
            "attempts BIGINT NOT NULL DEFAULT 0, last_error TEXT, case_id TEXT)",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_unsent ON {TABLE} (position) "
            "WHERE sent_at IS NULL",
        ]

    def reset(self, tx: ViewTransaction) -> None:
        """Kept: reminders are deliveries, not derived rows (their ids make them unique)."""

    def load(self, tx: ViewTransaction) -> None:
        """The levels come from the results the runner has folded up to its position."""
        add_case_column(tx)
        self._levels = {}
        for year_id, result in self.scores.results.items():
            warned: dict[UUID, list[TargetWarning]] = {u.unit_id: [] for u in result.units}
            for w in result.warnings:
                warned[w.unit_id].append(w)
            each = [(u.lines, warned[u.unit_id]) for u in result.units]
            self._levels.update(_levels(str(year_id), each, self._month(year_id)))

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        self._pending, rows = {}, []
        for year_id, units in self.scores.changed.items():
            month = self._month(year_id)
            each = [(r.result.lines, r.warnings) for r in self.scores.records(year_id, units)]
            warnings = {
                uuid_text(w.target_id): w for _, found in each for w in found if w.month == month
            }
            for key, level in _levels(str(year_id), each, month).items():
                if self._levels.get(key) == level:
                    continue
                self._pending[key] = level
                if level != "none":
                    rows += self._reminders(key, month, warnings[key[1]], batch.last)
        marks = ", ".join("%s" for _ in _COLUMNS)
        tx.executemany(
            f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT (id) DO NOTHING",
            rows,
        )

    def committed(self) -> None:
        self._levels.update(self._pending)
        self._pending = {}

    def _month(self, year_id: UUID) -> str:
        facts = self.scores.folders[year_id].facts
        return f"{facts.year}-{facts.last_month:02d}"

    def _reminders(
        self, key: tuple[str, str], month: str, warning: TargetWarning, position: int
    ) -> list[tuple[object, ...]]:
        year_id, target = key
        unit, level = str(warning.unit_id), str(warning.level)
        people = dict(self.contacts.of_target.get(target, {}))
        if unit in self.contacts.main_leader:
            people["main_leader"] = self.contacts.main_leader[unit]
        message = self._message(target, unit, month, level, warning.lag)
        out: list[tuple[object, ...]] = []
        for role in warning.remind:
            person = people.get(role)
            if person is None:
                continue
            reminder_id = uuid5(NAMESPACE, f"reminder/{year_id}/{target}/{month}/{level}/{role}")
            out.append((
                str(reminder_id), year_id, target, unit, month, level, role, person.name,
                person.contact, message, position,
            ))  # fmt: skip
        return out

    def _message(self, target: str, unit: str, month: str, level: str, lag: Decimal) -> str:
        title = self.contacts.title_of_target.get(target, target)
        name = self.contacts.unit_name.get(unit, unit)
        return (
            f"【{_LEVEL_WORDS.get(level, level)}】{name}「{title}」{month}进度落后序时进度"
            f"{float(lag):.0%}，请抓紧推进。"
        )


def _levels(
    year_id: str, each: Iterable[tuple[Sequence[ScoreLine], Sequence[TargetWarning]]], month: str
) -> dict[tuple[str, str], str]:
    """Each assessed target of the units (each unit's score lines and warnings): its
    warning's level in `month`, or `none`."""
    levels = {}
    for lines, warnings in each:
        for line in lines:
            if line.kind == "target" and line.target_id is not None:
                levels[(year_id, uuid_text(line.target_id))] = "none"
        for w in warnings:
            key = (year_id, uuid_text(w.target_id))
            levels[key] = str(w.level) if w.month == month else levels.get(key, "none")
    return levels


def add_case_column(tx: ViewTransaction) -> None:
    """An outbox created before urging reminders has no `case_id` column: add it (the
    outbox is kept through rebuilds, so its table is never created afresh)."""
    if "case_id" not in tx.columns(TABLE):
        tx.execute(f"ALTER TABLE {TABLE} ADD COLUMN case_id TEXT")


def unsent(tx: ViewTransaction, *, limit: int) -> list[Reminder]:
    rows = tx.rows(
        "SELECT id, target_id, unit_id, month, level, recipient_role, recipient_name, "
        f"recipient_contact, message, case_id FROM {TABLE} WHERE sent_at IS NULL "
        "ORDER BY position, id LIMIT %s",
        (limit,),
    )
    return [Reminder(*(None if v is None else str(v) for v in row)) for row in rows]  # type: ignore[arg-type]


def mark_sent(tx: ViewTransaction, reminder_id: str, at: str) -> None:
    tx.execute(
        f"UPDATE {TABLE} SET sent_at = %s, attempts = attempts + 1 WHERE id = %s", (at, reminder_id)
    )


def mark_failed(tx: ViewTransaction, reminder_id: str, error: str) -> None:
    tx.execute(
        f"UPDATE {TABLE} SET attempts = attempts + 1, last_error = %s WHERE id = %s",
        (error[:500], reminder_id),
    )
