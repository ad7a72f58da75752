"""What each unit's cases, evaluations and special assessments amount to before any
rulebook: the share of its scale a result reached, or the fact that a case was overdue
or escalated, each in force from a month and pointing at the events behind it. The
rulebook turns them into points (`weighing.py`).

- **Evaluation** (评价), per kind: for each closed campaign of the kind that rated the
  unit, its mean score as a share of the campaign's scale, (mean − lowest) / (highest −
  lowest); the kind's share is the mean over those campaigns, from the month the last of
  them closed (an earlier state holds from each earlier close).
- **Special assessment** (专项考核): the latest import's score as a share of its scale,
  from the month of that import; each earlier import held until the next one.
- **Overdue case** (逾期): past its deadline as of the latest recorded time and not settled
  by then, or settled after it (`supervision.schedule.overdue`), at the attention level in
  force when the deadline passed; from the month of the first overdue day.
- **Escalated case** (追责建议): from the month of the escalation.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.scoring.facts import Key, RawRef, YearFacts
from domain.scoring.modifiers import IN_FORCE
from domain.scoring.timing import month_at
from domain.scoring.weighed_facts import CampaignFact, CaseFact, SpecialFact
from domain.supervision.schedule import deadline_instant, overdue

EVALUATION, SPECIAL = "evaluation", "special_assessment"
OVERDUE, ESCALATED = "case_overdue", "case_escalated"
_SHOWN = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class Contribution:
    unit_id: Key
    kind: str  # EVALUATION, SPECIAL, OVERDUE or ESCALATED
    key: str  # the evaluation kind, the assessment's key, the attention level; or ""
    ratio: Decimal  # the share of the scale reached (1 for a case)
    refs: tuple[RawRef, ...]
    start: int
    end: int
    words: str  # the ledger's detail, before the rulebook's part
    target_id: Key | None = None


def contributions(
    facts: YearFacts, units: Collection[Key] | None = None
) -> dict[Key, list[Contribution]]:
    """Every enrolled unit's contributions (only `units`' when given), in log order of
    their cases, campaigns and assessments."""
    wanted = facts.roster.keys() if units is None else units
    out: dict[Key, list[Contribution]] = {unit: [] for unit in wanted if unit in facts.roster}
    for case in facts.cases.values():
        if case.lead_unit in out:
            out[case.lead_unit].extend(_case(facts, case))
    for unit, found in _evaluations(facts.campaigns.values(), out.keys()).items():
        out[unit].extend(found)
    for special in facts.specials.values():
        for unit, found in out.items():
            found.extend(_special(special, unit))
    return out


def deadlines_passed(facts: YearFacts) -> dict[Key, Key]:
    """The cases whose deadline had passed by the latest recorded time, with their lead
    unit: the only way time alone changes a score (overdue needs no event)."""
    latest = facts.latest
    if latest is None:
        return {}
    return {
        case_id: case.lead_unit
        for case_id, case in facts.cases.items()
        if deadline_instant(case.deadline) < latest
    }


def _case(facts: YearFacts, case: CaseFact) -> list[Contribution]:
    found: list[Contribution] = []

    def add(kind: str, key: str, refs: tuple[RawRef, ...], month: int, words: str) -> None:
        found.append(
            Contribution(case.lead_unit, kind, key, Decimal(1), refs, month, IN_FORCE, words,
                         case.target_id)
        )  # fmt: skip

    late = None if facts.latest is None else _overdue(case, facts.latest)
    if late is not None:
        due_at, days = late
        level_set, set_by = case.level_at(due_at)
        level = str(level_set)
        refs = (case.opened, *((set_by,) if set_by != case.opened else ()))
        words = f"deadline {case.deadline} passed at level {level}"
        if case.settled is not None:
            refs, words = (*refs, *case.settled[1]), f"{words}, settled {days} days late"
        else:
            words = f"{words}, not settled"
        add(OVERDUE, level, refs, month_at(due_at, facts.year), words)
    if case.escalated is not None:
        ref, month = case.escalated
        words = f"escalated with an accountability proposal, month {month}"
        add(ESCALATED, "", (case.opened, ref), month, words)
    return found


def _overdue(case: CaseFact, at: datetime) -> tuple[datetime, int] | None:
    settled_at = None if case.settled is None else case.settled[0]
    found = overdue(deadline=case.deadline, settled_at=settled_at, at=at)
    return None if found is None else (found.due_at, found.days)


def _evaluations(
    campaigns: Collection[CampaignFact], units: Collection[Key]
) -> dict[Key, list[Contribution]]:
    by_kind: dict[str, list[CampaignFact]] = {}
    for campaign in campaigns:
        if campaign.closed is not None:
            by_kind.setdefault(str(campaign.kind), []).append(campaign)
    out: dict[Key, list[Contribution]] = {}
    for kind, closed in by_kind.items():
        ordered = sorted(closed, key=lambda c: c.closed[1] if c.closed else 0)  # stable
        for unit in units:
            rated = [c for c in ordered if unit in c.ballots]
            if rated:
                out.setdefault(unit, []).extend(_evaluation_steps(unit, kind, rated))
    return out


def _evaluation_steps(unit: Key, kind: str, rated: list[CampaignFact]) -> list[Contribution]:
    """One contribution per month a campaign of the kind closed, each until the next."""
    months = sorted({c.closed[1] for c in rated if c.closed})
    steps = []
    for index, month in enumerate(months):
        counted = [c for c in rated if c.closed and c.closed[1] <= month]
        shares, refs, words = [], [], []
        for campaign in counted:
            scores = campaign.ballots[unit]
            low, high = campaign.scale
            mean = sum((score for score, _ in scores), Decimal(0)) / len(scores)
            shares.append((mean - low) / (high - low))
            assert campaign.closed is not None
            refs += [campaign.opened, campaign.closed[0], *(ref for _, ref in scores)]
            shown = mean.quantize(Decimal("0.01"))
            words.append(f"mean {shown} on {low}-{high} over {len(scores)} ballots")
        share = sum(shares, Decimal(0)) / len(shares)
        end = months[index + 1] if index + 1 < len(months) else IN_FORCE
        detail = f"{kind} evaluation: {'; '.join(words)}; share {share.quantize(_SHOWN)}"
        steps.append(Contribution(unit, EVALUATION, kind, share, tuple(refs), month, end, detail))
    return steps


def _special(special: SpecialFact, unit: Key) -> list[Contribution]:
    """The unit's result in each import, held until the next import replaced it."""
    steps = []
    for index, imported in enumerate(special.imports):
        score = imported.scores.get(unit)
        if score is None:
            continue
        following = special.imports[index + 1] if index + 1 < len(special.imports) else None
        end = IN_FORCE if following is None else max(imported.month, following.month)
        low, high = imported.scale
        share = (score - low) / (high - low)
        words = f"{special.name} ({special.key}): {score} on {low}-{high}"
        refs = (special.registered, imported.ref)
        steps.append(
            Contribution(unit, SPECIAL, special.key, share, refs, imported.month, end, words)
        )
    return steps
