"""Scoring a year again after each batch of events, redoing only what the batch changed.

A live projection scores its facts after every batch. Scoring a county year from
scratch takes about half a second, most of it the units the batch did not touch. Here
each unit's progress, ledger, warnings, result and standings are kept between calls and
worked out again only for the units the caller names as changed (their events were in
the batch); the rankings — one sort per category and month — are always redone, and a
unit whose ranks moved gets a new result and new standings. When the year's latest month
moves on or a month ends (lags are judged by them), the roster changes or the prior
years' results do, every unit is done again.

`score` returns what `engine.score_facts` returns for the same facts (the same records
in the same order, proven by tests), and the units whose records changed.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from typing import Any, NamedTuple
from uuid import UUID

from domain.evaluations.campaign import EvaluationCampaign
from domain.events import DomainEvent, event_field
from domain.rulebook.document import content_hash
from domain.rulebook.model import Rulebook
from domain.scoring.collector import collector_paused
from domain.scoring.consequences import history_of
from domain.scoring.contributions import contributions, deadlines_passed
from domain.scoring.facts import Decision, Key, YearFacts
from domain.scoring.fold import Folder
from domain.scoring.grading import last_kinds
from domain.scoring.ledger import UnitLedger, build_ledger, target_ledger
from domain.scoring.modifiers import Tariff
from domain.scoring.progress import TargetProgress, computed_progress
from domain.scoring.ranking import monthly_rankings
from domain.scoring.result import Standing, TargetWarning, UnitResult, YearResult
from domain.scoring.rounding import rounder
from domain.scoring.unit_results import (
    labels_of,
    month_ranks,
    ordered,
    period_major,
    periods_started,
    score_lines,
    shared,
    unit_result,
    unit_standings,
)
from domain.scoring.warnings import target_warnings, thresholds_of
from domain.special.assessment import SpecialAssessment
from domain.year import AssessmentYear


class UnitRecords(NamedTuple):
    result: UnitResult
    standings: Sequence[Standing]  # one a started period, in period order
    warnings: Sequence[TargetWarning]


class LiveScorer:
    """Scores one year under one rulebook, call after call."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self._round = rounder(rulebook.rounding)
        self._tariff = Tariff.of(rulebook, self._round)
        self._last = last_kinds(rulebook.grading)
        self._clause = (rulebook.warnings.id, thresholds_of(rulebook.warnings))
        self._sha = content_hash(rulebook)
        self._basis: tuple[tuple[int, int], dict[Key, str], tuple[int, ...]] | None = None
        self._ledgers: dict[Key, UnitLedger] = {}
        self._warnings: dict[Key, list[TargetWarning]] = {}
        self._ranks: dict[Key, tuple[int, ...]] = {}
        self._results: dict[Key, UnitResult] = {}
        self._standings: dict[Key, list[Standing]] = {}
        self._due: dict[Key, Key] = {}  # cases past their deadline at the last call
        # each approved target's progress and warnings, and the mark they were worked
        # out at (`YearFacts.target_marks`): a unit's other targets' are kept
        self._targets: dict[Key, tuple[int, TargetProgress, list[TargetWarning]]] = {}
        # line records by content, kept from call to call (the facts' own are per revision)
        self._lines: dict[Hashable, Any] = {}

    def score(
        self,
        facts: YearFacts,
        changed: Collection[Key] | None,
        prior: Sequence[YearResult] = (),
    ) -> tuple[YearResult, set[UUID]]:
        """The year's result, and the units whose records differ from the last call's;
        `changed`: the units the events since the last call were about (None: any)."""
        with collector_paused():
            basis = (
                (facts.last_month, facts.months_ended),
                dict(facts.roster),
                tuple(id(r) for r in prior),
            )
            due = deadlines_passed(facts)
            if changed is None or basis != self._basis:
                changed, self._basis = set(facts.roster), basis
                self._forget_all()
            else:  # a deadline passing makes a case overdue with no event of its own
                changed = {*changed, *(due[c] for c in due.keys() - self._due.keys())}
            self._due = due
            dirty = {unit for unit in changed if unit in facts.roster}
            self._rescore_units(facts, dirty)
            touched = self._place(facts, dirty, prior)
            return self._result(facts), {facts.uuid_of(unit) for unit in touched}

    def records_of(self, unit: Key) -> UnitRecords:
        """One enrolled unit's records as the last call's result holds them: read one
        unit's without scanning the whole result (a city's has ~28k standings and
        ~180k warnings). Unchanged records are the same objects from call to call."""
        return UnitRecords(self._results[unit], self._standings[unit], self._warnings[unit])

    def _forget_all(self) -> None:
        for cache in (self._ledgers, self._warnings, self._ranks, self._results):
            cache.clear()
        self._standings.clear()
        self._targets.clear()
        self._lines.clear()

    def _rescore_units(self, facts: YearFacts, dirty: set[Key]) -> None:
        if not dirty:
            return
        progresses: dict[Key, list[TargetProgress]] = {unit: [] for unit in dirty}
        warnings: dict[Key, list[TargetWarning]] = {unit: [] for unit in dirty}
        months = ["", *(f"{facts.year}-{month:02d}" for month in range(1, 13))]
        records = shared(facts, "warnings")
        for target in sorted(facts.targets.values(), key=lambda t: t.number):
            if target.status == "approved" and target.unit_id in progresses:
                mark = facts.target_marks.get(target.id)
                kept = self._targets.get(target.id)
                if kept is None or mark is None or kept[0] != mark:
                    progress = computed_progress(facts, target)
                    found = target_warnings(progress, self._clause, months, records)
                    kept = self._targets[target.id] = (mark or 0, progress, found)
                progresses[target.unit_id].append(kept[1])
                warnings[target.unit_id].extend(kept[2])
        decisions: dict[Key, list[Decision]] = {unit: [] for unit in dirty}
        for decision in (*facts.decisions.values(), *facts.extra):
            if decision.unit_id in decisions:
                decisions[decision.unit_id].append(decision)
        weighed = contributions(facts, dirty)
        for unit in dirty:
            self._ledgers[unit] = build_ledger(
                unit,
                targets=target_ledger(progresses[unit], self.rulebook, self._round),
                decisions=decisions[unit],
                weighed=weighed[unit],
                rulebook=self.rulebook,
                tariff=self._tariff,
                round_=self._round,
                last=self._last,
            )
            self._warnings[unit] = warnings[unit]

    def _place(self, facts: YearFacts, dirty: set[Key], prior: Sequence[YearResult]) -> set[Key]:
        """Rank every unit again; new results and standings for the dirty and the moved."""
        rankings = monthly_rankings(
            facts.roster, self._ledgers, labels_of(facts), self.rulebook.tie_breakers
        )
        periods, history = periods_started(facts), history_of(prior)
        touched = set(dirty)
        for unit in facts.roster:
            ranks = month_ranks(rankings, unit)
            if unit not in touched and self._ranks.get(unit) == ranks:
                continue
            earlier = None if unit in dirty else self._results.get(unit)
            touched.add(unit)
            self._ranks[unit] = ranks
            ledger = self._ledgers[unit]
            lines = (  # kept when only its ranks moved
                earlier.lines
                if earlier is not None
                else score_lines(
                    self._lines, (unit, facts.uuid_of(unit)), ledger.lines, facts.uuid_of
                )
            )
            self._results[unit] = unit_result(
                facts,
                unit,
                ledger,
                rankings[12][unit],
                rulebook=self.rulebook,
                history=history,
                lines=lines,
            )
            self._standings[unit] = unit_standings(facts, unit, ledger, ranks, periods)
        return touched

    def _result(self, facts: YearFacts) -> YearResult:
        roster = list(facts.roster)
        periods = len(periods_started(facts))
        return YearResult.model_construct(
            year=facts.year,
            rulebook_version=self.rulebook.version,
            rulebook_sha256=self._sha,
            units=tuple(ordered([self._results[unit] for unit in roster], self.rulebook)),
            standings=tuple(period_major([self._standings[unit] for unit in roster], periods)),
            warnings=tuple(w for unit in roster for w in self._warnings[unit]),
        )


def units_touched(folder: Folder, event: DomainEvent) -> set[Key] | None:
    """The units of the folder's year whose scores the event (already folded) may have
    changed: its own unit's (a case's lead unit); the units a closed campaign rated or
    an import scores; every unit (None) for an event on the year itself. An event of a
    campaign or an assessment that changes no score names only its aggregate, which is
    no unit: the year is scored again (its latest time moved) without redoing a unit."""
    owner = folder.members.get(event.originator_id)
    if owner is None:
        return set()  # another year's, or nothing scoring reads
    facts = folder.facts
    if isinstance(event, EvaluationCampaign.Closed):
        return {owner[0], *facts.campaigns[event.originator_id].ballots}
    if isinstance(event, SpecialAssessment.ResultsImported):
        imports = facts.specials[event.originator_id].imports[-2:]
        return {owner[0], *(unit for imported in imports for unit in imported.scores)}
    if owner[0] != facts.year_id:
        return {owner[0]}
    if isinstance(event, AssessmentYear.AmendedAfterFinalization):
        return set()  # the change it allows is an event of its own, naming its unit
    unit = event_field(event, "unit_id")  # a red flag of the year's monthly round
    return None if unit is None else {unit}
