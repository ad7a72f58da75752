"""The scoring engine (DOMAIN.md §4): a pure function from a year's events, a rulebook
and the results of the years before to the year's result.

It is two halves, both usable on their own: the fold (`fold.Folder`), which turns events
into rulebook-free `YearFacts` one event at a time, and `score_facts`, which scores those
facts under a rulebook. A replay folds the log once and scores the facts twice (official
and replayed); a live projection keeps a `Folder` and scores its facts when asked. The
live projections and the replay of a past year therefore compute the same result, so a
published ranking can always be reproduced from the log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain.errors import InvalidInput
from domain.events import DomainEvent
from domain.rulebook.document import content_hash
from domain.rulebook.model import Rulebook
from domain.scoring.collector import collector_paused
from domain.scoring.contributions import Contribution, contributions
from domain.scoring.facts import Decision, Key, YearFacts
from domain.scoring.fold import fold
from domain.scoring.grading import last_kinds
from domain.scoring.ledger import TargetLedger, UnitLedger, build_ledger, target_ledger
from domain.scoring.modifiers import Tariff
from domain.scoring.progress import TargetProgress, progress_of
from domain.scoring.ranking import monthly_rankings
from domain.scoring.result import TargetWarning, YearResult
from domain.scoring.rounding import rounder
from domain.scoring.unit_results import labels_of, shared, standings, unit_results
from domain.scoring.warnings import target_warnings, thresholds_of


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
        return score_facts(fold(events, year), rulebook, prior=prior)


def score_facts(
    facts: YearFacts, rulebook: Rulebook, *, prior: Sequence[YearResult] = ()
) -> YearResult:
    """The facts' year scored under `rulebook`. The facts are only read: score them under
    as many rulebooks as wanted (what does not depend on the rulebook is worked out once)."""
    if facts.year_id is None:
        raise InvalidInput("the events do not open an assessment year", field="events")
    with collector_paused():
        assessed = _assessed(facts)
        ledgers = _ledgers(facts, assessed, rulebook)
        rankings = monthly_rankings(facts.roster, ledgers, labels_of(facts), rulebook.tie_breakers)
        return YearResult.model_construct(
            year=facts.year,
            rulebook_version=rulebook.version,
            rulebook_sha256=content_hash(rulebook),
            units=tuple(unit_results(facts, ledgers, rankings[12], rulebook, prior)),
            standings=tuple(standings(facts, ledgers, rankings)),
            warnings=tuple(_warnings(facts, assessed, rulebook)),
        )


def _assessed(facts: YearFacts) -> dict[Key, list[TargetProgress]]:
    """Each enrolled unit's approved targets, in number order, with their progress."""
    found: dict[Key, list[TargetProgress]] | None = facts.cached("assessed")
    if found is None:
        found = {unit_id: [] for unit_id in facts.roster}
        for target in sorted(facts.targets.values(), key=lambda t: t.number):
            if target.status == "approved" and target.unit_id in found:
                found[target.unit_id].append(progress_of(facts, target))
        facts.cache("assessed", found)
    return found


def _decisions(facts: YearFacts) -> dict[Key, list[Decision]]:
    found: dict[Key, list[Decision]] | None = facts.cached("decisions")
    if found is None:
        found = {unit_id: [] for unit_id in facts.roster}
        for decision in (*facts.decisions.values(), *facts.extra):
            if decision.unit_id in found:
                found[decision.unit_id].append(decision)
        facts.cache("decisions", found)
    return found


def _weighed(facts: YearFacts) -> dict[Key, list[Contribution]]:
    found: dict[Key, list[Contribution]] | None = facts.cached("weighed")
    if found is None:
        found = contributions(facts)
        facts.cache("weighed", found)
    return found


def _ledgers(
    facts: YearFacts, assessed: dict[Key, list[TargetProgress]], rulebook: Rulebook
) -> dict[Key, UnitLedger]:
    round_ = rounder(rulebook.rounding)
    last = last_kinds(rulebook.grading)
    tariff = Tariff.of(rulebook, round_)
    decisions, weighed = _decisions(facts), _weighed(facts)
    targets = _target_ledgers(facts, assessed, rulebook)
    return {
        unit_id: build_ledger(
            unit_id,
            targets=targets[unit_id],
            decisions=decisions[unit_id],
            weighed=weighed[unit_id],
            rulebook=rulebook,
            tariff=tariff,
            round_=round_,
            last=last,
        )
        for unit_id in facts.roster
    }


def _target_ledgers(
    facts: YearFacts, assessed: dict[Key, list[TargetProgress]], rulebook: Rulebook
) -> dict[Key, TargetLedger]:
    """Each unit's target lines and points, shared by the rulebooks that agree on the
    completion clauses and the rounding (a what-if rarely revises them)."""
    name = f"targets:{rulebook.completion.model_dump_json()}{rulebook.rounding.model_dump_json()}"
    found: dict[Key, TargetLedger] | None = facts.cached(name)
    if found is None:
        round_ = rounder(rulebook.rounding)
        found = {
            unit: target_ledger(targets, rulebook, round_) for unit, targets in assessed.items()
        }
        facts.cache(name, found)
    return found


def _warnings(
    facts: YearFacts, assessed: dict[Key, list[TargetProgress]], rulebook: Rulebook
) -> list[TargetWarning]:
    """Each assessed target, each month from its approval up to the latest month the
    year's events reach (a closed year: all twelve)."""
    month_texts = ["", *(f"{facts.year}-{month:02d}" for month in range(1, 13))]
    clause = (rulebook.warnings.id, thresholds_of(rulebook.warnings))
    records = shared(facts, "warnings")
    out: list[TargetWarning] = []
    for progresses in assessed.values():
        for progress in progresses:
            out.extend(target_warnings(progress, clause, month_texts, records))
    return out
