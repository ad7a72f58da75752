"""Replay / what-if (DOMAIN.md §5): a closed year scored under any rulebook, beside its
official result, without writing anything.

"Official" is the scoring engine run over the same events under the rulebook the year
adopted; it is computed, not read back, because results are derived and never stored as
events (DOMAIN.md §2). Replaying under the adopted rulebook therefore reproduces it
exactly, and any difference in a replay is the rulebook's doing alone.

Prior years (for the consequences that span years) enter both runs as their own official
results: a what-if changes the rules of the replayed year, not the history before it.

The year's events are read and folded once into rulebook-free facts, which are then
scored under both rulebooks: reading and decoding a city year costs more than scoring it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable
from uuid import UUID

from application.base import AssessmentBase
from application.ports import YearEventSource
from application.year_events import LogYearEventSource
from domain import errors
from domain.events import DomainEvent, Value
from domain.ids import year_id
from domain.rulebook.model import Rulebook
from domain.scoring.collector import collector_paused
from domain.scoring.diff import ReplayDiff, diff_results
from domain.scoring.engine import score_facts
from domain.scoring.facts import YearFacts
from domain.scoring.fold import Folder
from domain.scoring.result import YearResult
from domain.year import AssessmentYear

# Consequences look back at most this many years (DOMAIN.md §4: "three years running").
LOOKBACK_YEARS = 2


class YearNotClosed(errors.DomainError):
    """Only a year whose twelve months are all closed has a result to replay."""

    code = "YEAR_NOT_CLOSED"


@runtime_checkable
class YearFactsSource(Protocol):
    """An event source that folds the year's stored events into the scoring engine's
    facts itself, faster than decoding every event (the PostgreSQL replay reader)."""

    def year_facts(self, *, year_id: UUID, year: int) -> YearFacts: ...


class Replay(Value):
    official: YearResult
    replayed: YearResult
    diff: ReplayDiff


class ReplayQueries(AssessmentBase):
    # The composition root may put a faster reader for its store here; the default reads
    # the notification log through the library, which every store supports.
    year_event_source: YearEventSource | None = None

    def replay_year(self, *, year: int, rulebook: Rulebook) -> Replay:
        """Score a closed year under `rulebook` and under its own; store nothing."""
        assessment = self._closed_year(year)
        _require_applicable(assessment, rulebook)
        adopted, prior = self.rulebook_of(assessment), self._prior_results(year)
        with collector_paused():
            official, replayed = self._score_twice(assessment, (adopted, rulebook), prior)
            diff = diff_results(official, replayed)
        return Replay(official=official, replayed=replayed, diff=diff)

    def _score_twice(
        self,
        assessment: AssessmentYear,
        rulebooks: tuple[Rulebook, Rulebook],
        prior: Sequence[YearResult],
    ) -> tuple[YearResult, YearResult]:
        """One fold scored under both rulebooks. The facts are freed here, while the
        collector is still paused: it then only ever scans the results."""
        facts = self.year_facts(assessment)
        first, second = rulebooks
        return score_facts(facts, first, prior=prior), score_facts(facts, second, prior=prior)

    def official_result(self, *, year: int) -> YearResult:
        """The closed year's result under its adopted rulebook, recomputed from the log."""
        assessment = self._closed_year(year)
        return self._official(assessment, prior=self._prior_results(year))

    def year_facts(self, assessment: AssessmentYear) -> YearFacts:
        """The year's events folded into the engine's rulebook-free facts, by the source
        itself when it can (`YearFactsSource`), else from its decoded events."""
        source = self.year_event_source or LogYearEventSource(self)
        with collector_paused():
            if isinstance(source, YearFactsSource):
                return source.year_facts(year_id=assessment.id, year=assessment.year)
            folder = Folder(assessment.year, year_id=assessment.id)
            return folder.apply_all(self.year_events(assessment.id)).opened_facts()

    def year_events(self, aggregate_id: UUID) -> Iterator[DomainEvent]:
        """The year's events streamed from the log: a city year decoded at once would hold
        gigabytes of event objects (docs/replay.md); streamed, they pass through."""
        source = self.year_event_source or LogYearEventSource(self)
        return source.year_events(year_id=aggregate_id, jurisdiction=self.jurisdiction)

    def _closed_year(self, year: int) -> AssessmentYear:
        assessment = self.year(year)
        assessment.require_rulebook()
        if assessment.closed_months < 12:
            raise YearNotClosed(
                f"{year} has {12 - assessment.closed_months} open month(s); only a closed "
                "year can be replayed",
                field="year",
            )
        return assessment

    def _prior_results(self, year: int) -> Sequence[YearResult]:
        """Official results of the closed years just before, oldest first."""
        results: list[YearResult] = []
        for earlier in range(year - LOOKBACK_YEARS, year):
            found = self.find(AssessmentYear, year_id(self.jurisdiction, earlier))
            if found is None or found.rulebook_id is None or found.closed_months < 12:
                continue
            results.append(self._official(found, prior=()))
        return results

    def _official(self, assessment: AssessmentYear, *, prior: Sequence[YearResult]) -> YearResult:
        with collector_paused():
            facts = self.year_facts(assessment)
            return score_facts(facts, self.rulebook_of(assessment), prior=prior)


def _require_applicable(assessment: AssessmentYear, rulebook: Rulebook) -> None:
    """The same checks as adopting a rulebook: its jurisdiction, and a ranking for every
    category the year enrolled."""
    if rulebook.jurisdiction != assessment.jurisdiction:
        raise errors.RulebookInvalid(
            f"rulebook is for '{rulebook.jurisdiction}', not '{assessment.jurisdiction}'",
            field="rulebook.jurisdiction",
        )
    missing = set(assessment.roster.values()) - rulebook.category_keys()
    if missing:
        raise errors.UnknownCategory(
            f"enrolled units use categories {sorted(missing)} the rulebook does not rank",
            field="rulebook.categories",
        )
