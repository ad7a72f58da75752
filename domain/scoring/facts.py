"""What a year's events say, as plain per-unit, per-target and per-decision facts.

The facts are rulebook-free: the same facts are scored under any rulebook
(`engine.score_facts`), so a replay folds the log once and scores it twice. They are
filled by `fold.Folder` one event at a time, so a live projection can keep them current.

Ids are kept as the event source hands them out (`Key`): `UUID`s from decoded events,
their canonical text from stored rows. The facts only compare and hash them; the
engine turns them into `UUID`s for the result (`YearFacts.uuid_of`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.periods import OFFICE_TZ
from domain.scoring.timing import month_at
from domain.targets.spec import Quantitative, TargetSpec
from domain.vocabulary import ScoringMode

if TYPE_CHECKING:
    from domain.scoring.weighed_facts import CampaignFact, CaseFact, SpecialFact

Key = Hashable  # an aggregate's or a target's id, as the event source has it
RawRef = tuple[Key, int]  # (originator id, version): made text only for the year's ledger


@dataclass(slots=True)
class ReportFact:
    """A unit's report on one target for one month, as it finally stands."""

    value: Decimal | None
    milestones: Sequence[str]
    reported: RawRef
    status: str = "submitted"
    verified: RawRef | None = None


@dataclass(frozen=True, slots=True)
class TargetTerms:
    """What scoring reads of a target's spec: its measure and scoring mode (the weight is
    kept on the target, which rebalancing changes). Responsibilities, kind, class and
    group do not score, so the fold does not keep them."""

    title: str
    weight: Decimal
    zero_base: bool  # 零基: only this year's achievement above the baseline counts
    quantitative: bool
    baseline: Decimal = Decimal(0)
    annual_goal: Decimal = Decimal(0)
    schedule: tuple[Decimal, ...] = ()  # planned cumulative value at each month end
    milestones: tuple[tuple[str, int], ...] = ()  # qualitative: (key, due month)

    @classmethod
    def of(cls, spec: TargetSpec) -> TargetTerms:
        measure, zero_base = spec.measure, spec.scoring_mode is ScoringMode.ZERO_BASE
        if isinstance(measure, Quantitative):
            return cls(
                spec.title,
                spec.weight,
                zero_base,
                True,
                measure.baseline,
                measure.annual_goal,
                tuple(measure.schedule),
            )
        due = tuple((m.key, m.due_month) for m in measure.milestones)
        return cls(spec.title, spec.weight, zero_base, False, milestones=due)


@dataclass(slots=True)
class TargetFact:
    id: Key
    unit_id: Key
    number: int
    terms: TargetTerms
    weight: Decimal
    status: str = "proposed"
    next_level: int = 0
    assigned: RawRef | None = None
    assigned_month: int = 1
    score: tuple[Decimal, Decimal, RawRef, int] | None = None  # score, out of, ref, month


@dataclass(slots=True)
class Decision:
    """A bonus, sanction, notice, red flag or late/missing report: effective from `month`,
    and until `revoked` (exclusive) when a later event revoked it."""

    unit_id: Key
    ref: RawRef
    month: int
    kind: str
    points: Decimal = Decimal(0)
    target_id: Key | None = None
    revoked: int | None = None


@dataclass(slots=True)
class UnitFact:
    code: str
    names: list[tuple[int, str]]


@dataclass
class YearFacts:
    year: int = 0
    year_id: Key | None = None
    roster: dict[Key, str] = field(default_factory=dict)  # enrolled unit → category
    units: dict[Key, UnitFact] = field(default_factory=dict)
    targets: dict[Key, TargetFact] = field(default_factory=dict)
    # target → month → report: kept apart from the target so that no report has to wait
    # for its target's events (and two partial folds merge by dict union)
    reports: dict[Key, dict[int, ReportFact]] = field(default_factory=dict)
    decisions: dict[Key, Decision] = field(default_factory=dict)  # by originator id
    extra: list[Decision] = field(default_factory=list)  # red flags, late/missing reports
    # supervision cases, evaluation campaigns and special assessments, by aggregate id
    cases: dict[Key, CaseFact] = field(default_factory=dict)
    campaigns: dict[Key, CampaignFact] = field(default_factory=dict)
    specials: dict[Key, SpecialFact] = field(default_factory=dict)
    latest: datetime | None = None  # the latest recorded time of the year's events
    revision: int = 0  # counts changes: what is derived from the facts is cached by it
    # the revision that last changed each target or its reports (what its progress is of)
    target_marks: dict[Key, int] = field(default_factory=dict, repr=False, compare=False)
    derived: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)
    _uuids: dict[Key, UUID] = field(default_factory=dict, repr=False, compare=False)

    @property
    def last_month(self) -> int:
        """The latest month any of the year's events was recorded in (January if none)."""
        return 1 if self.latest is None else month_at(self.latest, self.year)

    @property
    def months_ended(self) -> int:
        """How many of the year's months had ended when its latest event was recorded
        (all twelve once anything is recorded after the year)."""
        if self.latest is None:
            return 0
        local = self.latest.astimezone(OFFICE_TZ)
        if local.year != self.year:
            return 12 if local.year > self.year else 0
        return local.month - 1

    def name_of(self, unit_id: Key) -> tuple[str, str]:
        unit = self.units.get(unit_id)
        if unit is None:
            return str(unit_id), str(unit_id)
        name = unit.names[0][1]
        for since, value in sorted(unit.names, key=lambda entry: entry[0]):
            if since <= self.year:
                name = value
        return unit.code, name

    def uuid_of(self, key: Key) -> UUID:
        """The `UUID` of an id as the facts keep it (memoized: a key is converted once)."""
        found = self._uuids.get(key)
        if found is None:
            found = self._uuids[key] = key if isinstance(key, UUID) else UUID(str(key))
        return found

    def target_changed(self, target_id: Key) -> None:
        self.revision += 1
        self.target_marks[target_id] = self.revision

    def cached(self, name: str) -> Any | None:
        """What was derived under `name` from the facts as they are now, if anything."""
        entry = self.derived.get(name)
        return entry[1] if entry is not None and entry[0] == self.revision else None

    def cache(self, name: str, value: Any) -> None:
        self.derived[name] = (self.revision, value)
