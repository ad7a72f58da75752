"""The reward ledger (DOMAIN.md §5): each unit's cash rewards — one row per red flag
(流动红旗, seed 000: 1 point and a cash reward of the rulebook's amount) — and whether it
is paid or withheld because an override took the unit's awards (一票否决: no awards)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.scoring.result import YearResult
from projections.result_view import ResultView, uuid_text
from projections.sql import ViewTransaction
from projections.versioned import AS_OF, CURRENT, Key, Values, VersionedTable

TABLE = VersionedTable(
    "view_rewards",
    keys=[("year_id", "TEXT"), ("unit_id", "TEXT"), ("event_ref", "TEXT")],
    values=[
        ("code", "TEXT"), ("name", "TEXT"), ("month", "BIGINT"), ("amount", "TEXT"),
        ("clause_id", "TEXT"), ("status", "TEXT"), ("status_clause", "TEXT"),
    ],
)  # fmt: skip


@dataclass(frozen=True)
class RewardRow:
    unit_id: str
    code: str
    name: str
    event_ref: str
    month: int
    amount: Decimal
    clause_id: str
    status: str  # paid | withheld
    status_clause: str


class RewardLedgerView(ResultView):
    name = "reward_ledger"
    table = TABLE

    def unit_of(self, key: Key, _values: Values) -> str:
        return str(key[1])

    def rows(self, year_id: UUID, _result: YearResult, units: set[UUID]) -> dict[Key, Values]:
        rulebook = self.state.rulebook_of(year_id)
        assert rulebook is not None
        members = self.state.folders[year_id].members
        amount = str(rulebook.red_flags.cash_reward)
        out: dict[Key, Values] = {}
        for unit in (found.result for found in self.state.records(year_id, units)):
            status = ("paid", rulebook.red_flags.id) if unit.awards_allowed else (
                "withheld", unit.grade_clause_id,
            )  # fmt: skip
            for line in unit.lines:
                if line.kind != "red_flag":
                    continue
                ref = line.event_ids[0]
                month = members.get(UUID(ref.split("@", 1)[0]), (None, 0))[1]
                out[(uuid_text(year_id), uuid_text(unit.unit_id), ref)] = (
                    unit.code, unit.name, month, amount, line.clause_id, *status,
                )  # fmt: skip
        return out


def rewards(
    tx: ViewTransaction, *, year_id: UUID, unit_id: UUID | None = None, as_of: int | None = None
) -> list[RewardRow]:
    when, params = (CURRENT, ()) if as_of is None else (AS_OF, (as_of, as_of))
    unit_filter, unit_params = ("AND unit_id = %s", (str(unit_id),)) if unit_id else ("", ())
    rows = tx.rows(
        "SELECT unit_id, code, name, event_ref, month, amount, clause_id, status, status_clause "
        f"FROM {TABLE.name} WHERE year_id = %s {unit_filter} AND {when} "
        "ORDER BY month, code, event_ref",
        (str(year_id), *unit_params, *params),
    )
    return [
        RewardRow(
            str(unit),
            str(code),
            str(name),
            str(ref),
            int(str(month)),
            Decimal(str(amount)),
            str(clause),
            str(status),
            str(status_clause),
        )
        for unit, code, name, ref, month, amount, clause, status, status_clause in rows
    ]
