"""The scoring engine (DOMAIN.md §4): a pure function from a year's events, a rulebook
and the results of the years before to the year's result.

The live projections and the replay of a past year call the same function, so a
published ranking can always be reproduced from the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from uuid import UUID

from domain.events import DomainEvent
from domain.periods import Period, PeriodKind
from domain.rulebook.document import content_hash
from domain.rulebook.model import Rulebook
from domain.scoring.collector import collector_paused
from domain.scoring.completion import ZERO
from domain.scoring.consequences import Placing, consequences_of, history_of
from domain.scoring.construct import built
from domain.scoring.facts import Decision, TargetFact, YearFacts, fold
from domain.scoring.grading import grade, last_kinds
from domain.scoring.ledger import UnitLedger, build_ledger
from domain.scoring.modifiers import Tariff
from domain.scoring.ranking import Contender, ranked
from domain.scoring.result import Standing, TargetWarning, UnitResult, YearResult
from domain.scoring.rounding import rounder
from domain.scoring.warnings import target_warnings

_PERIOD_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
_COUNT = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}


def score_year(
    events: Iterable[DomainEvent],
    rulebook: Rulebook,
    *,
    prior: Sequence[YearResult] = (),
    year: int | None = None,
) -> YearResult:
    """Score `year` (by default the first year the events open) under `rulebook`, with
    `prior` the results of earlier years for the multi-year consequences."""
    with collector_paused():
        return _score(events, rulebook, prior, year)


def _score(
    events: Iterable[DomainEvent],
    rulebook: Rulebook,
    prior: Sequence[YearResult],
    year: int | None,
) -> YearResult:
    facts = fold(events, year)
    ledgers = _ledgers(facts, rulebook)
    codes = {unit_id: facts.name_of(unit_id)[0] for unit_id in facts.roster}
    rankings = {month: _rank(facts, ledgers, codes, rulebook, month) for month in range(1, 13)}
    units = _unit_results(facts, ledgers, rankings[12], rulebook, prior)
    return YearResult.model_construct(
        year=facts.year,
        rulebook_version=rulebook.version,
        rulebook_sha256=content_hash(rulebook),
        units=tuple(units),
        standings=tuple(_standings(facts, ledgers, rankings)),
        warnings=tuple(_warnings(facts, rulebook)),
    )


def _assessed_targets(facts: YearFacts) -> dict[UUID, list[TargetFact]]:
    by_unit: dict[UUID, list[TargetFact]] = {unit_id: [] for unit_id in facts.roster}
    for target in facts.targets.values():
        if target.status == "approved" and target.unit_id in by_unit:
            by_unit[target.unit_id].append(target)
    return by_unit


def _ledgers(facts: YearFacts, rulebook: Rulebook) -> dict[UUID, UnitLedger]:
    round_ = rounder(rulebook.rounding)
    last = last_kinds(rulebook.grading)
    tariff = Tariff.of(rulebook, round_)
    decisions: dict[UUID, list[Decision]] = {unit_id: [] for unit_id in facts.roster}
    for decision in (*facts.decisions.values(), *facts.extra):
        if decision.unit_id in decisions:
            decisions[decision.unit_id].append(decision)
    targets = _assessed_targets(facts)
    return {
        unit_id: build_ledger(
            unit_id,
            targets=targets[unit_id],
            decisions=decisions[unit_id],
            rulebook=rulebook,
            tariff=tariff,
            round_=round_,
            last=last,
        )
        for unit_id in facts.roster
    }


Ranking = dict[UUID, tuple[int, int]]  # unit → (rank, size of its category)


def _rank(
    facts: YearFacts,
    ledgers: dict[UUID, UnitLedger],
    codes: dict[UUID, str],
    rulebook: Rulebook,
    month: int,
) -> Ranking:
    by_category: dict[str, list[Contender]] = {}
    for unit_id, category in facts.roster.items():
        ledger = ledgers[unit_id]
        contender = Contender(
            unit_id,
            codes[unit_id],
            ledger.totals[month],
            ledger.target_points[month],
            ledger.deductions[month],
            ledger.last[month],
        )
        by_category.setdefault(category, []).append(contender)
    out: Ranking = {}
    for contenders in by_category.values():
        for position, contender in enumerate(ranked(contenders, rulebook.tie_breakers), 1):
            out[contender.unit_id] = (position, len(contenders))
    return out


def _category_order(rulebook: Rulebook, category: str) -> tuple[int, str]:
    keys = [c.key for c in rulebook.categories]
    return (keys.index(category) if category in keys else len(keys), category)


def _unit_results(
    facts: YearFacts,
    ledgers: dict[UUID, UnitLedger],
    ranking: Ranking,
    rulebook: Rulebook,
    prior: Sequence[YearResult],
) -> list[UnitResult]:
    history = history_of(prior)
    results = []
    for unit_id, category in facts.roster.items():
        ledger = ledgers[unit_id]
        rank, size = ranking[unit_id]
        graded = grade(rulebook.grading, ledger.total, rank, size, ledger.sanctions)
        placing = Placing(rank, size, graded.grade, graded.awards_allowed)
        code, name = facts.name_of(unit_id)
        results.append(
            UnitResult.model_construct(
                unit_id=unit_id,
                code=code,
                name=name,
                category=category,
                lines=tuple(line.scored(unit_id) for line in ledger.lines),
                total=sum((line.points for line in ledger.lines), ZERO),
                rank=rank,
                grade=graded.grade,
                grade_clause_id=graded.clause_id,
                awards_allowed=graded.awards_allowed,
                consequences=consequences_of(
                    unit_id, placing, facts.year, history, rulebook.consequences
                ),
            )
        )
    results.sort(key=lambda r: (_category_order(rulebook, r.category), r.rank))
    return results


def _standings(
    facts: YearFacts, ledgers: dict[UUID, UnitLedger], rankings: dict[int, Ranking]
) -> list[Standing]:
    """Every period that has started, as it stood at the end of its last month."""
    out = []
    for kind in _PERIOD_KINDS:
        for index in range(1, _COUNT[kind] + 1):
            period = Period(facts.year, kind, index)
            if period.first_month > facts.last_month:
                continue
            month, text = period.last_month, str(period)
            for unit_id, category in facts.roster.items():
                values = {
                    "unit_id": unit_id,
                    "category": category,
                    "period": text,
                    "score": ledgers[unit_id].totals[month],
                    "rank": rankings[month][unit_id][0],
                }
                out.append(built(Standing, values))
    return out


def _warnings(facts: YearFacts, rulebook: Rulebook) -> list[TargetWarning]:
    """Each assessed target, each month from its approval up to the latest month the
    year's events reach (a closed year: all twelve)."""
    out: list[TargetWarning] = []
    for targets in _assessed_targets(facts).values():
        for target in sorted(targets, key=lambda t: t.number):
            months = range(target.assigned_month, facts.last_month + 1)
            out.extend(target_warnings(target, rulebook.warnings, months, facts.year))
    return out
