"""Every supervision case of the log (督办事项) as its own events build it: the case
aggregate itself, folded by the domain's own event classes, so the supervision ledger
and the urging reminders compute overdue and missed progress with the very functions
the case uses (`domain/supervision/schedule.py`). A state the runner folds from the
start of the log, so it survives restarts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.supervision.case import SupervisionCase
from domain.supervision.states import FINAL_STATES
from projections.batches import Batch


@dataclass
class CaseRecord:
    case: SupervisionCase
    title: str
    source: str
    target_id: UUID | None
    opened_at: datetime
    ended_at: datetime | None = None  # closed (销号) or escalated

    @property
    def final(self) -> bool:
        return self.case.state in FINAL_STATES


class CaseBook:
    def __init__(self) -> None:
        self.cases: dict[UUID, CaseRecord] = {}
        self.unfinished: set[UUID] = set()  # cases whose overdue days and missed reports grow
        self.touched: set[UUID] = set()  # cases the last batch had events of

    def apply(self, batch: Batch) -> None:
        self.touched = set()
        for logged in batch.events:
            self.learn(logged.event)

    def learn(self, event: object) -> None:
        if isinstance(event, SupervisionCase.Opened):
            case = event.mutate(None)
            assert isinstance(case, SupervisionCase)
            matter = event.matter
            self.cases[case.id] = CaseRecord(
                case, matter.title, str(matter.source), event.target_id, event.timestamp
            )
            self.unfinished.add(case.id)
            self.touched.add(case.id)
        elif isinstance(event, SupervisionCase.Event):
            record = self.cases.get(event.originator_id)
            if record is None:
                return
            event.mutate(record.case)
            self.touched.add(record.case.id)
            if record.final:
                record.ended_at = event.timestamp
                self.unfinished.discard(record.case.id)

    def current(self) -> list[CaseRecord]:
        """The cases whose rows may have changed in the last batch: its own and every
        unfinished one (time alone moves them), in the order they were opened."""
        wanted = self.touched | self.unfinished
        return [record for case_id, record in self.cases.items() if case_id in wanted]
