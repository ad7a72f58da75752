"""The result's records: per unit its ledger, total, rank, grade and consequences, and
per unit and period its standing. Built without validation (`construct.built`) from
values the engine computed itself."""

from __future__ import annotations

from collections.abc import Sequence

from domain.periods import Period, PeriodKind
from domain.rulebook.model import Rulebook
from domain.scoring.consequences import Placing, consequences_of, history_of
from domain.scoring.construct import built
from domain.scoring.facts import Key, YearFacts
from domain.scoring.grading import grade
from domain.scoring.ledger import UnitLedger
from domain.scoring.progress import ZERO
from domain.scoring.ranking import Ranking
from domain.scoring.result import Standing, UnitResult, YearResult

_PERIOD_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
_COUNT = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}


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
    history, labels, uuid_of = history_of(prior), labels_of(facts), facts.uuid_of
    results = []
    for unit_id, category in facts.roster.items():
        ledger = ledgers[unit_id]
        rank, size = ranking[unit_id]
        graded = grade(rulebook.grading, ledger.total, rank, size, ledger.sanctions)
        placing = Placing(rank, size, graded.grade, graded.awards_allowed)
        code, name = labels[unit_id]
        uuid = uuid_of(unit_id)
        values = {
            "unit_id": uuid,
            "code": code,
            "name": name,
            "category": category,
            "lines": tuple(line.scored(uuid, uuid_of) for line in ledger.lines),
            "total": sum((line.points for line in ledger.lines), ZERO),
            "rank": rank,
            "grade": graded.grade,
            "grade_clause_id": graded.clause_id,
            "awards_allowed": graded.awards_allowed,
            "consequences": consequences_of(
                uuid, placing, facts.year, history, rulebook.consequences
            ),
        }
        results.append(built(UnitResult, values))
    results.sort(key=lambda r: (_category_order(rulebook, r.category), r.rank))
    return results


def standings(
    facts: YearFacts, ledgers: dict[Key, UnitLedger], rankings: dict[int, Ranking]
) -> list[Standing]:
    """Every period that has started, as it stood at the end of its last month."""
    out, uuid_of, last_month = [], facts.uuid_of, facts.last_month
    for kind in _PERIOD_KINDS:
        for index in range(1, _COUNT[kind] + 1):
            period = Period(facts.year, kind, index)
            if period.first_month > last_month:
                continue
            month, text = period.last_month, str(period)
            ranking = rankings[month]
            for unit_id, category in facts.roster.items():
                values = {
                    "unit_id": uuid_of(unit_id),
                    "category": category,
                    "period": text,
                    "score": ledgers[unit_id].totals[month],
                    "rank": ranking[unit_id][0],
                }
                out.append(built(Standing, values))
    return out
