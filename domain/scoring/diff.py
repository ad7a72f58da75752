"""What changes when a year is scored under another rulebook (DOMAIN.md §5, replay / what-if).

Units are matched by id. Score lines are matched by a key that does not depend on the
rulebook's clause ids, which a revised rulebook may rename: a target's completion line is
the target's line whatever rule scored it; a case's, an evaluation's or a special
assessment's line is known by its first event; every other line is the line of the
events it came from. A line is reported when its points differ, or when it exists on one side only.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Literal
from uuid import UUID

from pydantic import computed_field

from domain.events import Value
from domain.scoring.construct import built
from domain.scoring.result import LineKind, ScoreLine, UnitResult, YearResult
from domain.vocabulary import Grade

LineChangeKind = Literal["added", "removed", "changed"]


class LineKey(Value):
    """A score line's identity across rulebooks; `occurrence` separates equal keys."""

    kind: LineKind
    identity: str
    occurrence: int = 0


class LineChange(Value):
    key: LineKey
    change: LineChangeKind
    before: ScoreLine | None
    after: ScoreLine | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def points_delta(self) -> Decimal:
        return _points(self.after) - _points(self.before)


class UnitDiff(Value):
    """One unit's official result beside its replayed one. A side is None only when the
    unit is scored on that side alone."""

    unit_id: UUID
    code: str
    name: str
    category: str
    score_before: Decimal | None
    score_after: Decimal | None
    rank_before: int | None
    rank_after: int | None
    grade_before: Grade | None
    grade_after: Grade | None
    lines: tuple[LineChange, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def changed(self) -> bool:
        return bool(self.lines) or (
            (self.score_before, self.rank_before, self.grade_before)
            != (self.score_after, self.rank_after, self.grade_after)
        )


class RulebookRef(Value):
    version: str
    sha256: str


class ReplayDiff(Value):
    year: int
    official: RulebookRef
    replayed: RulebookRef
    units: tuple[UnitDiff, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def changed_units(self) -> int:
        return sum(1 for unit in self.units if unit.changed)


def diff_results(official: YearResult, replayed: YearResult) -> ReplayDiff:
    """Every unit of either result, in the official order (category, rank), then any unit
    the replay alone scores."""
    after = {unit.unit_id: unit for unit in replayed.units}
    before_ids = {unit.unit_id for unit in official.units}
    ordered = sorted(official.units, key=lambda u: (u.category, u.rank, u.code))
    extra = sorted(
        (u for u in replayed.units if u.unit_id not in before_ids),
        key=lambda u: (u.category, u.rank, u.code),
    )
    identities = _Identities()
    units = [_unit_diff(u, after.get(u.unit_id), identities) for u in ordered]
    units += [_unit_diff(None, u, identities) for u in extra]
    return ReplayDiff(
        year=official.year,
        official=RulebookRef(version=official.rulebook_version, sha256=official.rulebook_sha256),
        replayed=RulebookRef(version=replayed.rulebook_version, sha256=replayed.rulebook_sha256),
        units=tuple(units),
    )


def line_key(line: ScoreLine, occurrence: int = 0) -> LineKey:
    return LineKey(kind=line.kind, identity=_identity(line), occurrence=occurrence)


class _Identities:
    """Each line's identity, worked out once per line: the official and the replayed
    result share the records that did not change (`unit_results.shared`)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[ScoreLine, str]] = {}  # id → (line kept alive, identity)

    def __call__(self, line: ScoreLine) -> str:
        found = self._known.get(id(line))
        if found is None:
            found = self._known[id(line)] = (line, _identity(line))
        return found[1]


def keyed_lines(
    lines: Iterable[ScoreLine], identity: Callable[[ScoreLine], str] | None = None
) -> dict[tuple[str, str, int], ScoreLine]:
    """Lines by (kind, identity, occurrence): the n-th line with an equal kind and
    identity gets occurrence n. Plain tuples: a city year has ~100k lines a side."""
    identity = identity or _identity
    seen: Counter[tuple[str, str]] = Counter()
    keyed: dict[tuple[str, str, int], ScoreLine] = {}
    for line in lines:
        base = (line.kind, identity(line))
        keyed[(*base, seen[base])] = line
        seen[base] += 1
    return keyed


def line_changes(
    before: Sequence[ScoreLine],
    after: Sequence[ScoreLine],
    identity: Callable[[ScoreLine], str] | None = None,
) -> tuple[LineChange, ...]:
    if len(before) == len(after) and all(map(operator.is_, before, after)):
        return ()  # the very same records: nothing changed
    old, new = keyed_lines(before, identity), keyed_lines(after, identity)
    changes: list[LineChange] = []
    for key, line in old.items():
        replayed = new.get(key)
        if replayed is None:
            changes.append(_change(key, "removed", line, None))
        elif replayed.points != line.points:
            changes.append(_change(key, "changed", line, replayed))
    changes += [_change(key, "added", None, line) for key, line in new.items() if key not in old]
    return tuple(changes)


# Lines known by their first event: a case's opening, an evaluation kind's first campaign,
# a special assessment's registration. Their later events (ballots, a correction) may be
# many, and are the same under every rulebook.
_ANCHORED = frozenset({"evaluation", "special_assessment", "case_overdue", "case_escalated"})


def _identity(line: ScoreLine) -> str:
    if line.kind == "target" and line.target_id is not None:
        return _text(line.target_id)
    if line.kind in _ANCHORED and line.event_ids:
        return line.event_ids[0]
    target = "" if line.target_id is None else _text(line.target_id)
    return f"{target}|{','.join(sorted(line.event_ids))}"


_text = lru_cache(maxsize=1 << 16)(str)  # a UUID's text: the same targets recur


def _change(
    key: tuple[str, str, int],
    change: LineChangeKind,
    before: ScoreLine | None,
    after: ScoreLine | None,
) -> LineChange:
    # Built without validation: every value comes from two results of the engine.
    kind, identity, occurrence = key
    line_key = built(LineKey, {"kind": kind, "identity": identity, "occurrence": occurrence})
    values = {"key": line_key, "change": change, "before": before, "after": after}
    return built(LineChange, values)


def _unit_diff(
    before: UnitResult | None, after: UnitResult | None, identity: Callable[[ScoreLine], str]
) -> UnitDiff:
    named = before or after
    assert named is not None  # diff_results pairs every unit with at least one side
    lines = line_changes(before.lines if before else (), after.lines if after else (), identity)
    values = {
        "unit_id": named.unit_id,
        "code": named.code,
        "name": named.name,
        "category": named.category,
        "score_before": before.total if before else None,
        "score_after": after.total if after else None,
        "rank_before": before.rank if before else None,
        "rank_after": after.rank if after else None,
        "grade_before": before.grade if before else None,
        "grade_after": after.grade if after else None,
        "lines": lines,
    }
    return built(UnitDiff, values)


def _points(line: ScoreLine | None) -> Decimal:
    return line.points if line is not None else Decimal(0)
