"""The result's records: per unit its ledger, total, rank, grade and consequences, and
per unit and period its standing. Built without validation (`construct.built`) from
values the engine computed itself.

Records are immutable, and scoring the same facts under a revised rulebook repeats most
of them (every target line when completion is not revised, most deductions, the
standings of units the revision does not move): equal records are built once per state
of the facts and shared (`shared`), which also lets the diff pass over them by identity.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any
from uuid import UUID

from domain.periods import Period, PeriodKind
from domain.rulebook.model import Rulebook
from domain.scoring.consequences import History, Placing, consequences_of, history_of
from domain.scoring.construct import built
from domain.scoring.facts import Key, YearFacts
from domain.scoring.grading import grade
from domain.scoring.ledger import UnitLedger
from domain.scoring.lines import Line
from domain.scoring.progress import ZERO
from domain.scoring.ranking import Ranking
from domain.scoring.result import ScoreLine, Standing, UnitResult, YearResult

_PERIOD_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
_COUNT = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}


def shared(facts: YearFacts, kind: str) -> dict[Hashable, Any]:
    """The records of `kind` built so far from the facts as they are now, by content."""
    found: dict[Hashable, Any] | None = facts.cached(f"records:{kind}")
    if found is None:
        found = {}
        facts.cache(f"records:{kind}", found)
    return found


def score_lines(
    records: dict[Hashable, Any],
    unit: tuple[Hashable, UUID],
    lines: Sequence[Line],
    uuid_of: Callable[[Hashable], UUID],
) -> tuple[ScoreLine, ...]:
    """The unit's lines as records; `unit` is its id as the facts keep it, and its UUID.
    `records`: the lines built so far, by content (a line record is a function of it)."""
    key_of, unit_id = unit
    out = []
    for line in lines:
        # the points as written: equal Decimals may differ in exponent ("1.5", "1.50")
        points = str(line.points)
        key: Hashable = (key_of, line.kind, points, line.clause_id, line.event_ids)
        found = records.get(key := (key, line.detail, line.target_id))
        if found is None:
            found = records[key] = line.scored(unit_id, uuid_of)
        out.append(found)
    return tuple(out)


def labels_of(facts: YearFacts) -> dict[Key, tuple[str, str]]:
    """Each enrolled unit's (code, name in force for the year)."""
    found: dict[Key, tuple[str, str]] | None = facts.cached("labels")
    if found is None:
        found = {unit_id: facts.name_of(unit_id) for unit_id in facts.roster}
        facts.cache("labels", found)
    return found


def _category_order(rulebook: Rulebook, category: str) -> tuple[int, str]:
    keys = [c.key for c in rulebook.categories]
    return (keys.index(category) if category in keys else len(keys), category)


def unit_results(
    facts: YearFacts,
    ledgers: dict[Key, UnitLedger],
    ranking: Ranking,
    rulebook: Rulebook,
    prior: Sequence[YearResult],
) -> list[UnitResult]:
    history = history_of(prior)
    results = [
        unit_result(
            facts, unit_id, ledgers[unit_id], ranking[unit_id], rulebook=rulebook, history=history
        )
        for unit_id in facts.roster
    ]
    return ordered(results, rulebook)


def ordered(results: list[UnitResult], rulebook: Rulebook) -> list[UnitResult]:
    """Category by category in the rulebook's order, each by rank."""
    return sorted(results, key=lambda r: (_category_order(rulebook, r.category), r.rank))


def unit_result(
    facts: YearFacts,
    unit_id: Key,
    ledger: UnitLedger,
    placing: tuple[int, int],
    *,
    rulebook: Rulebook,
    history: History,
    lines: tuple[ScoreLine, ...] | None = None,
) -> UnitResult:
    """One unit's result; `placing` is its year-end (rank, size of its category).
    `lines`: the unit's score lines as records already, when its ledger is unchanged."""
    rank, size = placing
    graded = grade(rulebook.grading, ledger.total, rank, size, ledger.sanctions)
    code, name = labels_of(facts)[unit_id]
    uuid = facts.uuid_of(unit_id)
    values = {
        "unit_id": uuid,
        "code": code,
        "name": name,
        "category": facts.roster[unit_id],
        "lines": lines if lines is not None else _lines(facts, unit_id, ledger, rulebook),
        "total": sum((line.points for line in ledger.lines), ZERO),
        "rank": rank,
        "grade": graded.grade,
        "grade_clause_id": graded.clause_id,
        "awards_allowed": graded.awards_allowed,
        "consequences": consequences_of(
            uuid,
            Placing(rank, size, graded.grade, graded.awards_allowed),
            facts.year,
            history,
            rulebook.consequences,
        ),
    }
    return built(UnitResult, values)


def _lines(
    facts: YearFacts, unit_id: Key, ledger: UnitLedger, rulebook: Rulebook
) -> tuple[ScoreLine, ...]:
    # the exponent of equal points differs between roundings ("1.5" vs "1.50")
    records = shared(facts, f"lines:{rulebook.rounding.places}")
    return score_lines(records, (unit_id, facts.uuid_of(unit_id)), ledger.lines, facts.uuid_of)


def periods_started(facts: YearFacts) -> list[tuple[str, int]]:
    """Every period that has started: (its text, the month it ends with)."""
    periods = []
    for kind in _PERIOD_KINDS:
        for index in range(1, _COUNT[kind] + 1):
            period = Period(facts.year, kind, index)
            if period.first_month <= facts.last_month:
                periods.append((str(period), period.last_month))
    return periods


def standings(
    facts: YearFacts, ledgers: dict[Key, UnitLedger], rankings: dict[int, Ranking]
) -> list[Standing]:
    """Every period that has started, as it stood at the end of its last month: period by
    period, each unit in roster order. A unit's standings are shared by the rulebooks
    under which its monthly scores and ranks are the same."""
    periods = periods_started(facts)
    by_unit = [
        unit_standings(facts, unit_id, ledgers[unit_id], month_ranks(rankings, unit_id), periods)
        for unit_id in facts.roster
    ]
    return period_major(by_unit, len(periods))


def month_ranks(rankings: dict[int, Ranking], unit_id: Key) -> tuple[int, ...]:
    """The unit's rank at each month end (index = month; 0 unused)."""
    return (0, *(rankings[month][unit_id][0] for month in range(1, 13)))


def period_major(by_unit: Sequence[Sequence[Standing]], periods: int) -> list[Standing]:
    return [unit[index] for index in range(periods) for unit in by_unit]


def unit_standings(
    facts: YearFacts,
    unit_id: Key,
    ledger: UnitLedger,
    ranks: tuple[int, ...],
    periods: Sequence[tuple[str, int]],
) -> list[Standing]:
    records = shared(facts, "standings")
    totals = ledger.totals
    key = (unit_id, tuple(totals), ranks)
    found: list[Standing] | None = records.get(key)
    if found is None:
        uuid, category = facts.uuid_of(unit_id), facts.roster[unit_id]
        found = records[key] = [
            built(
                Standing,
                {
                    "unit_id": uuid,
                    "category": category,
                    "period": text,
                    "score": totals[month],
                    "rank": ranks[month],
                },
            )
            for text, month in periods
        ]
    return found
