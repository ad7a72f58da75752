"""The evaluation campaigns of a year (评价): kind, title, state, how many units they
evaluate and how many named evaluators they have, ballots submitted and public tokens
issued — counts only: no token, no hash, no evaluator of any ballot."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from projections.checkpoints import version_filter
from projections.record_views import RecordView
from projections.sql import ViewTransaction
from projections.versioned import Key, Values, VersionedTable
from projections.year_records import YearRecords

TABLE = VersionedTable(
    "view_campaigns",
    keys=[("year_id", "TEXT"), ("campaign_id", "TEXT")],
    values=[
        ("kind", "TEXT"), ("title", "TEXT"), ("state", "TEXT"), ("evaluated_units", "BIGINT"),
        ("evaluators", "BIGINT"), ("ballots", "BIGINT"), ("tokens_issued", "BIGINT"),
        ("opened_at", "TEXT"), ("closed_at", "TEXT"),
    ],
)  # fmt: skip


@dataclass(frozen=True)
class CampaignRow:
    campaign_id: str
    kind: str
    title: str
    state: str  # open | closed
    evaluated_units: int
    evaluators: int
    ballots: int
    tokens_issued: int
    opened_at: str
    closed_at: str | None


def rows_of(records: YearRecords, owner: UUID) -> dict[Key, Values]:
    found = records.campaigns.get(owner)
    if found is None:
        return {}
    closed = None if found.closed_at is None else found.closed_at.isoformat()
    return {
        (str(found.year_id), str(owner)): (
            found.kind, found.title, "open" if closed is None else "closed",
            found.evaluated_units, found.evaluators, found.ballots, found.tokens_issued,
            found.opened_at.isoformat(), closed,
        )
    }  # fmt: skip


def campaigns_view(records: YearRecords) -> RecordView:
    return RecordView(
        "campaigns", TABLE, records=records, rows_of=rows_of, owner_of=lambda key: str(key[1])
    )


def campaigns(tx: ViewTransaction, *, year_id: UUID, as_of: int | None = None) -> list[CampaignRow]:
    """The year's campaigns in the order they were opened."""
    when, version = version_filter(as_of)
    rows = tx.rows(
        "SELECT campaign_id, kind, title, state, evaluated_units, evaluators, ballots, "
        f"tokens_issued, opened_at, closed_at FROM {TABLE.name} WHERE year_id = %s AND {when} "
        "ORDER BY opened_at, campaign_id",
        (str(year_id), *version),
    )
    return [
        CampaignRow(
            str(c), str(kind), str(title), str(state), int(str(units)), int(str(evaluators)),
            int(str(ballots)), int(str(tokens)), str(opened),
            None if closed is None else str(closed),
        )
        for c, kind, title, state, units, evaluators, ballots, tokens, opened, closed in rows
    ]  # fmt: skip
