"""The golden year: nine units in two categories whose events exercise every clause of
the rulebook. Every unit has two targets: A, quantitative, weight 60, goal 100 (km) and
B, qualitative, weight 40, four milestones m1..m4 due in March, June, September and
December. January is reported by everyone (A = 20, B none done) and closed; December
carries the final values. The arithmetic is in tests/unit/scoring/test_golden.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.events import DomainEvent
from domain.vocabulary import SanctionKind, ScoringMode
from tests.builders import qualitative, quantitative, standard_rulebook
from tests.unit.scoring.year_builder import YearBuilder, at

MILESTONES = ("m1", "m2", "m3", "m4")
K = SanctionKind


@dataclass
class GoldenYear:
    events: list[DomainEvent]
    units: dict[str, UUID]
    targets: dict[str, tuple[UUID, UUID]] = field(default_factory=dict)


# code: category, A's December value, B's milestones verified by December
PLAN = {
    "T1": ("town", "130", 2),  # overachieves: 130 / 100 is held at the 1.2 cap
    "T2": ("town", "95", 2),  # B scored 9/10 by the reviewer instead
    "T3": ("town", "80", 4),
    "T4": ("town", "90", 4),
    "T5": ("town", "75", 3),  # January's A report came late
    "D1": ("government_department", "94", 4),  # A is zero-base above a baseline of 40
    "D2": ("government_department", "90", 3),
    "D3": ("government_department", "100", 3),
    "D4": ("government_department", "100", 4),  # January's B report never came
}


def build_golden_year() -> GoldenYear:
    b = YearBuilder(standard_rulebook())
    golden = GoldenYear(b.events, {})
    for code, (category, _, _) in PLAN.items():
        unit = golden.units[code] = b.unit(code, category)
        if code == "D1":
            a_spec = quantitative(
                weight="60", goal="100", baseline="40", mode=ScoringMode.ZERO_BASE
            )
        else:
            a_spec = quantitative(weight="60", goal="100")
        golden.targets[code] = (b.target(unit, a_spec), b.target(unit, qualitative(weight="40")))
    _january(b, golden)
    _decisions(b, golden)
    _december(b, golden)
    return golden


def _january(b: YearBuilder, golden: GoldenYear) -> None:
    for code, unit in golden.units.items():
        a, q = golden.targets[code]
        january_a = "46" if code == "D1" else "20"
        late = at(2, 10) if code == "T5" else None  # due 5 February: late
        b.report(unit, a, 1, value=january_a, when=late)
        if code != "D4":
            b.report(unit, q, 1, milestones=())
    b.close(1)


def _decisions(b: YearBuilder, golden: GoldenYear) -> None:
    u = golden.units
    b.bonus(u["T1"], "3")
    b.bonus(u["T1"], "2.5")  # 5.5 granted: above the cap
    b.bonus(u["D2"], "2")
    b.red_flag(u["T3"], 4)
    b.red_flag(u["D2"], 4)
    b.sanction(u["T2"], K.REMINDER)
    b.sanction(u["T3"], K.INTERVIEW)
    b.revoke(b.sanction(u["T4"], K.NOTIFICATION))  # appeal upheld in September
    b.sanction(u["T4"], K.ACCOUNTABILITY)
    b.sanction(u["T5"], K.NOTIFICATION)
    b.sanction(u["D1"], K.ADMONISHMENT)
    b.sanction(u["D3"], K.YELLOW_CARD)
    b.notice(u["D3"])
    b.sanction(u["D4"], K.VETO)


def _december(b: YearBuilder, golden: GoldenYear) -> None:
    for code, (_, value, done) in PLAN.items():
        unit = golden.units[code]
        a, q = golden.targets[code]
        b.report(unit, a, 12, value=value)
        b.report(unit, q, 12, milestones=MILESTONES[:done])
    b.score(golden.units["T2"], golden.targets["T2"][1], "9", "10")
