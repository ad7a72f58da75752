"""The inspector's trace (DOMAIN.md §7, issue 8 point 5): for a unit's score, every line
with the rulebook clause that produced it (its text and source) and the events behind it
(actor, role, time, reason, evidence hashes); for its grade and consequences, their
clauses. Read from the views (ledger and audit trail) and the adopted rulebook, never by
replaying the log; as of a checkpoint when asked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from application.views import ViewQueries
from domain import errors
from domain.events import Value
from domain.rulebook.clauses import ClauseLike, clauses_of
from projections.audit_trail import AuditEntry, by_refs


class ClauseText(Value):
    id: str
    text: str
    seed: str
    article: str


class EventTrace(Value):
    position: int  # its notification id: what an inclusion proof is asked for
    event_ref: str
    event: str
    aggregate: str
    recorded_at: str
    actor_id: str
    actor_role: str
    acting_unit: str | None
    reason: str | None
    effective_period: str | None
    evidence: list[dict[str, Any]]


class LineTrace(Value):
    line_key: str
    kind: str
    points: Decimal
    detail: str
    clause: ClauseText | None
    events: list[EventTrace]


class ScoreExplanation(Value):
    year: int
    unit_id: UUID
    code: str
    name: str
    category: str
    total: Decimal
    rank: int
    grade: str
    grade_clause: ClauseText | None
    awards_allowed: bool
    consequences: list[ClauseText]
    lines: list[LineTrace]
    rulebook_version: str
    rulebook_sha256: str
    as_of: int | None


class ExplanationQueries(ViewQueries):
    def explain_score(
        self, *, year: int, unit_id: UUID, as_of: int | None = None
    ) -> ScoreExplanation:
        assessment = self.year(year)
        rulebook = self.rulebook_of(assessment)
        ledger = self.unit_ledger(year=year, unit_id=unit_id, as_of=as_of)
        if ledger is None:
            raise errors.NotFound(f"no score of unit {unit_id} in {year}", field="unit_id")
        clauses = clauses_of(rulebook)
        refs = [ref for line in ledger.lines for ref in line.event_ids]
        with self._reader().reading() as tx:
            events = by_refs(tx, refs)
        return ScoreExplanation(
            year=year,
            unit_id=unit_id,
            code=ledger.code,
            name=ledger.name,
            category=ledger.category,
            total=ledger.total,
            rank=ledger.rank,
            grade=ledger.grade,
            grade_clause=_clause(clauses.get(ledger.grade_clause)),
            awards_allowed=ledger.awards_allowed,
            consequences=[c for c in map(_clause, map(clauses.get, ledger.consequences)) if c],
            lines=[
                LineTrace(
                    line_key=line.line_key,
                    kind=line.kind,
                    points=line.points,
                    detail=line.detail,
                    clause=_clause(clauses.get(line.clause_id)),
                    events=[_event(events[ref]) for ref in line.event_ids if ref in events],
                )
                for line in ledger.lines
            ],
            rulebook_version=rulebook.version,
            rulebook_sha256=assessment.rulebook_sha256 or "",
            as_of=as_of,
        )


def _clause(clause: ClauseLike | None) -> ClauseText | None:
    if clause is None:
        return None
    source = clause.source
    return ClauseText(id=clause.id, text=clause.text, seed=source.seed, article=source.article)


def _event(entry: AuditEntry) -> EventTrace:
    return EventTrace(
        position=entry.position,
        event_ref=entry.event_ref,
        event=entry.event,
        aggregate=entry.aggregate,
        recorded_at=entry.recorded_at,
        actor_id=entry.actor_id,
        actor_role=entry.actor_role,
        acting_unit=entry.acting_unit,
        reason=entry.reason,
        effective_period=entry.effective_period,
        evidence=entry.evidence,
    )
