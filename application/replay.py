"""Replay / what-if (DOMAIN.md §5): a closed year scored under any rulebook, beside its
official result, without writing anything.

"Official" is the scoring engine run over the same events under the rulebook the year
adopted; it is computed, not read back, because results are derived and never stored as
events (DOMAIN.md §2). Replaying under the adopted rulebook therefore reproduces it
exactly, and any difference in a replay is the rulebook's doing alone.

Prior years (for the consequences that span years) enter both runs as their own official
results: a what-if changes the rules of the replayed year, not the history before it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from uuid import UUID

from application.base import AssessmentBase
from application.fan_out import fan_out
from application.ports import YearEventSource
from application.year_events import LogYearEventSource
from domain import errors
from domain.events import DomainEvent, Value
from domain.ids import year_id
from domain.rulebook.model import Rulebook
from domain.scoring.diff import ReplayDiff, diff_results
from domain.scoring.engine import score_year
from domain.scoring.result import YearResult
from domain.year import AssessmentYear

# Consequences look back at most this many years (DOMAIN.md §4: "three years running").
LOOKBACK_YEARS = 2


class YearNotClosed(errors.DomainError):
    """Only a year whose twelve months are all closed has a result to replay."""

    code = "YEAR_NOT_CLOSED"


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
        # Both runs are fed from one read of the log (decoding costs as much as scoring).
        runs = [partial(score_year, rulebook=r, prior=prior) for r in (adopted, rulebook)]
        official, replayed = fan_out(self.year_events(assessment.id), runs)
        return Replay(official=official, replayed=replayed, diff=diff_results(official, replayed))

    def official_result(self, *, year: int) -> YearResult:
        """The closed year's result under its adopted rulebook, recomputed from the log."""
        assessment = self._closed_year(year)
        return score_year(
            self.year_events(assessment.id),
            self.rulebook_of(assessment),
            prior=self._prior_results(year),
        )

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
            results.append(score_year(self.year_events(found.id), self.rulebook_of(found)))
        return results


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
