"""The weighed golden year: four towns W1..W4, each with one quantitative target worth
the whole list (weight 100, goal 100, reported and verified only in December: 90, 90,
80, 70), and the cases, evaluations and special assessments that the rulebook weighs
into the total, recorded in the order of their time as an office would. The arithmetic
is in tests/unit/scoring/test_golden_weighed.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.evaluations.ballots import Evaluators
from domain.events import DomainEvent
from domain.vocabulary import AttentionLevel, EvaluationKind
from tests.builders import quantitative, standard_rulebook
from tests.unit.scoring.weighed_builder import Weighed
from tests.unit.scoring.year_builder import YearBuilder, at

L, K = AttentionLevel, EvaluationKind
DECEMBER = {"W1": "90", "W2": "90", "W3": "80", "W4": "70"}


@dataclass
class WeighedYear:
    events: list[DomainEvent]
    units: dict[str, UUID]
    cases: dict[str, UUID] = field(default_factory=dict)


def build_weighed_year() -> WeighedYear:
    b = YearBuilder(standard_rulebook())
    year = WeighedYear(b.events, {code: b.unit(code, "town") for code in DECEMBER})
    spec = quantitative(weight="100", goal="100")
    targets = {code: b.target(unit, spec) for code, unit in year.units.items()}
    w = Weighed(b)
    _spring(w, year)
    _summer(w, year)
    _autumn(w, year)
    _december(w, year)
    for code, value in DECEMBER.items():
        b.report(year.units[code], targets[code], 12, value=value)
    _year_end(w, year)
    return year


def _spring(w: Weighed, year: WeighedYear) -> None:
    u, c = year.units, year.cases
    # C1: rectified on 20 March, verified on 2 April: settled before its deadline
    c["C1"] = w.case(u["W1"], date(2025, 3, 31), at(2, 1))
    # C2: raised to key on 10 April; rectified on 12 May, after its 30 April deadline
    c["C2"] = w.case(u["W2"], date(2025, 4, 30), at(2, 1))
    # C3: never settled; its 15 June deadline passes with no event of the case (the
    # leadership campaign closing on 20 June is next); raised to special on 1 August
    c["C3"] = w.case(u["W3"], date(2025, 6, 15), at(2, 1), level=L.ATTENTION)
    # C4: special attention, escalated on 15 October, after its 30 September deadline
    c["C4"] = w.case(u["W4"], date(2025, 9, 30), at(2, 1), level=L.SPECIAL)
    w.rectify(c["C1"], at(3, 20))
    w.verify(c["C1"], at(4, 2))
    w.close(c["C1"], at(4, 3))
    w.relevel(c["C2"], L.KEY, at(4, 10))
    w.rectify(c["C2"], at(5, 12))
    w.verify(c["C2"], at(5, 14))


def _summer(w: Weighed, year: WeighedYear) -> None:
    u = year.units
    w1, w2, w3, w4 = (u[code] for code in DECEMBER)
    # the first leadership evaluation of W1: 80 and 90 of 100
    june = w.campaign(K.LEADERSHIP, [w1], at(6, 1))
    w.ballot(june, {w1: "80"}, at(6, 5), by="leader-a")
    w.ballot(june, {w1: "90"}, at(6, 5), by="leader-b")
    w.close_campaign(june, at(6, 20))
    mutual = w.campaign(K.MUTUAL, [w1, w2, w3, w4], at(7, 1))
    ratings = {
        w1: {w2: "80", w3: "70", w4: "60"},
        w2: {w1: "90", w3: "80", w4: "70"},
        w3: {w1: "90", w2: "90", w4: "80"},
        w4: {w1: "90", w2: "100", w3: "90"},
    }
    for rater, scores in ratings.items():
        w.ballot(mutual, scores, at(7, 5), by=f"filler-{rater}", unit=rater)
    w.close_campaign(mutual, at(7, 20))
    w.relevel(year.cases["C3"], L.SPECIAL, at(8, 1))


def _autumn(w: Weighed, year: WeighedYear) -> None:
    w1 = year.units["W1"]
    w.special("ecology", {"W1": "80", "W2": "90"}, at(9, 10), name="生态环境保护")
    w.escalate(year.cases["C4"], at(10, 15))
    # the second leadership evaluation of W1: 9 and 10 of 10
    november = w.campaign(K.LEADERSHIP, [w1], at(11, 1), scale=("0", "10"))
    w.ballot(november, {w1: "9"}, at(11, 5), by="leader-a")
    w.ballot(november, {w1: "10"}, at(11, 5), by="leader-b")
    # corrected by the department in November: W1 85, W2 taken out, W3 added
    w.special("ecology", {"W1": "85", "W3": "60"}, at(11, 10), name="生态环境保护")
    w.close_campaign(november, at(11, 20))


def _december(w: Weighed, year: WeighedYear) -> None:
    w1, w2, w3, w4 = (year.units[code] for code in DECEMBER)
    public = w.campaign(K.PUBLIC, [w1, w2, w3, w4], at(12, 1), scale=("1", "5"))
    ballots = [{w1: "5", w2: "3"}, {w1: "4", w2: "4"}, {w1: "4"}, {w1: "5", w2: "4"}]
    w.public_ballots(public, ballots, at(12, 10))
    w.special("archives", {"W1": "10", "W4": "7.5"}, at(12, 10), scale=("0", "10"), name="档案工作")
    w.close_campaign(public, at(12, 20))


def _year_end(w: Weighed, year: WeighedYear) -> None:
    """The democratic evaluation of the year end, closed in January: it counts in December."""
    w1, w2, w3, w4 = (year.units[code] for code in DECEMBER)
    reps = Evaluators(users=["rep-1", "rep-2"])
    democratic = w.campaign(K.DEMOCRATIC, [w1, w2, w3, w4], at(13, 8), evaluators=reps)
    w.ballot(democratic, {w1: "95", w2: "80", w3: "70", w4: "60"}, at(13, 9), by="rep-1")
    w.ballot(democratic, {w1: "85", w2: "80", w3: "75", w4: "61"}, at(13, 9), by="rep-2")
    w.close_campaign(democratic, at(13, 10))
