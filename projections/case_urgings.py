"""Urging reminders of supervision cases (催办): a case that falls overdue, and every
progress report it misses, put reminders in the reminder outbox (the warnings' table
and sender), computed as of each batch with `domain/supervision/schedule.py`.

- **Overdue** (逾期): once per case, when its deadline passes unsettled, to the lead
  unit's main leader (主要领导) and, when the case concerns a target, that target's
  leader in charge (分管领导).
- **Missed progress** (未按期报送进展): once per report due and not made, to the person who
  reports: the filler (填报责任人) of the target the case concerns, else the lead unit's
  main leader (the unit answers as a whole).

A case is urged at the first batch at or after the moment (time moves with the log), and
only while it is neither closed nor escalated. Ids are derived from the case and what is
urged (the due moment of a missed report), and rows are only inserted if absent: a
rebuild or a restart never urges twice, and the outbox is never emptied, so what was
sent stays marked.
"""

from __future__ import annotations

from datetime import datetime
from uuid import uuid5

from domain.ids import NAMESPACE
from domain.people import Person
from domain.periods import OFFICE_TZ
from projections.batches import Batch
from projections.case_book import CaseBook, CaseRecord
from projections.reminders import TABLE, Contacts, add_case_column
from projections.result_view import uuid_text
from projections.sql import ViewTransaction

OVERDUE, MISSED = "case_overdue", "case_progress_missed"
_COLUMNS = (
    "id", "year_id", "target_id", "unit_id", "month", "level", "recipient_role",
    "recipient_name", "recipient_contact", "message", "position", "case_id",
)  # fmt: skip
Row = tuple[object, ...]


class CaseUrgingsView:
    """Writes into the reminder outbox, which `ReminderOutboxView` creates and keeps."""

    name = "case_urgings"
    tables = (TABLE,)

    def __init__(self, book: CaseBook, contacts: Contacts) -> None:
        self.book, self.contacts = book, contacts
        self._urged: set[str] = set()  # reminder ids in the outbox
        self._pending: set[str] = set()

    def create_statements(self) -> list[str]:
        return []  # the outbox is the warnings' reminder outbox

    def reset(self, tx: ViewTransaction) -> None:
        """Kept: reminders are deliveries, not derived rows (their ids make them unique)."""

    def load(self, tx: ViewTransaction) -> None:
        add_case_column(tx)
        rows = tx.rows(f"SELECT id FROM {TABLE} WHERE case_id IS NOT NULL")
        self._urged = {str(reminder_id) for (reminder_id,) in rows}

    def write(self, tx: ViewTransaction, batch: Batch) -> None:
        at, rows = batch.recorded_at, []
        self._pending = set()
        for record in self.book.current():
            if record.final:  # closed or escalated: nothing is urged any more
                continue
            for urging in self._urgings(record, at, batch.last):
                if urging[0] not in self._urged and urging[0] not in self._pending:
                    self._pending.add(str(urging[0]))
                    rows.append(urging)
        marks = ", ".join("%s" for _ in _COLUMNS)
        tx.executemany(
            f"INSERT INTO {TABLE} ({', '.join(_COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT (id) DO NOTHING",
            rows,
        )

    def committed(self) -> None:
        self._urged |= self._pending
        self._pending = set()

    def _urgings(self, record: CaseRecord, at: datetime, position: int) -> list[Row]:
        case, out = record.case, []
        late = case.overdue(at)
        if late is not None and not late.settled:
            text = f"逾期{late.days}天，请立即办结并报送整改情况"
            for role in ("main_leader", "leader_in_charge"):
                out += self._rows(record, (OVERDUE, "overdue"), role, (late.due_at, text), position)
        for missed in case.missed_progress(at):
            due = missed.due_at.astimezone(OFFICE_TZ)
            text = f"应于{due:%Y-%m-%d %H:%M}前报送进展情况，未报送，请立即报送"
            role = "filler" if record.target_id is not None else "main_leader"
            key = (MISSED, f"missed/{due.isoformat()}")
            out += self._rows(record, key, role, (missed.due_at, text), position)
        return out

    def _rows(
        self,
        record: CaseRecord,
        kind: tuple[str, str],
        role: str,
        about: tuple[datetime, str],
        position: int,
    ) -> list[Row]:
        person = self._person(record, role)
        if person is None:
            return []
        case, (level, what), (due, words) = record.case, kind, about
        case_id = uuid_text(case.id)
        reminder_id = uuid5(NAMESPACE, f"urging/{case_id}/{what}/{role}")
        unit = uuid_text(case.lead_unit)
        name = self.contacts.unit_name.get(unit, unit)
        message = f"【催办】{name}「{record.title}」{words}。"
        month = f"{due.astimezone(OFFICE_TZ):%Y-%m}"
        target = None if record.target_id is None else uuid_text(record.target_id)
        return [(
            str(reminder_id), uuid_text(case.year_id), target, unit, month, level, role,
            person.name, person.contact, message, position, case_id,
        )]  # fmt: skip

    def _person(self, record: CaseRecord, role: str) -> Person | None:
        if role == "main_leader":
            return self.contacts.main_leader.get(uuid_text(record.case.lead_unit))
        if record.target_id is None:
            return None
        return self.contacts.of_target.get(str(record.target_id), {}).get(role)
