"""`yearEnd` over a year walked through its year end on both stores (issue 7 point 6):
each step with its actor and time in order, the next step allowed, an objection raised
during the announcement and answered, the year as of before the answer, and an amendment
after the lock, which shows in the year end, the audit trail and the unit's ledger."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from infrastructure.settings import Settings
from infrastructure.views.wiring import projection_runner
from tests import year_end_scenario
from tests.api.harness import Api, served
from tests.builders import (
    INSPECTOR,
    LEADER,
    OFFICE,
    YEAR,
    enrolled_unit,
    filler,
    full_list,
    open_year,
)
from tests.scenarios import close_months

YEAR_END = """query($asOf: AsOfInput) { yearEnd(year: 2025, asOf: $asOf) {
  reached nextStep decemberClosed selfChecks enrolledUnits objectionsUntil asOf { position }
  steps { edges { node { position step event actorId actorRole reason unitIds facts } } }
  objections { edges { node { number unitId grounds raisedBy upheld answer answeredBy } } }
} }"""
TRAIL = """query($id: ID!) { auditTrail(subject: actor, id: $id, first: 100) {
  edges { node { event reason } } } }"""
LEDGER = """query($unitId: ID!) { unitLedger(year: 2025, unitId: $unitId) {
  lines { edges { node { kind points eventIds } } } } }"""


@dataclass
class WalkedYear:
    api: Api
    town: UUID
    department: UUID
    bonus: UUID
    before_answer: int  # the log position just before the objection was answered


@pytest.fixture(scope="module")
def walked(module_store_url: str) -> Iterator[WalkedYear]:
    with served(module_store_url) as api:
        app, clock = api.app, api.clock
        open_year(app)
        town, department = enrolled_unit(app, "T01"), enrolled_unit(app, "D01")
        full_list(app, town)
        full_list(app, department)
        close_months(app, clock)
        year_end_scenario.announce(app, clock, [town, department])
        app.raise_objection(year=YEAR, unit_id=town, grounds="红旗加分漏计", by=filler(town))
        clock.advance(timedelta(days=1))
        before_answer = api.events()
        app.answer_objection(year=YEAR, number=1, upheld=True, answer="已核实补计", by=OFFICE)
        clock.set(year_end_scenario.COMMITTEE_MEETS)
        app.decide_results(year=YEAR, basis="县委常委会第1次会议纪要", by=LEADER)
        app.finalize_year(year=YEAR, by=LEADER)
        clock.advance(timedelta(days=1))
        bonus = app.grant_bonus(
            year=YEAR, unit_id=town, points=Decimal("0.5"), reason="异议核实补计",
            basis="县委常委会纪要", amendment_reason="异议1成立，补计加分", by=LEADER,
        )  # fmt: skip
        runner = projection_runner(app, Settings(module_store_url))
        runner.start()
        runner.catch_up()
        runner.log.close()  # type: ignore[attr-defined]
        yield WalkedYear(api, town, department, bonus, before_answer)


def year_end(year: WalkedYear, as_: Any, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = year.api.data(YEAR_END, variables, as_=as_)["yearEnd"]
    return found


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


def test_each_step_with_its_actor_in_order_and_the_answered_objection(walked: WalkedYear) -> None:
    found = year_end(walked, OFFICE)
    assert (found["reached"], found["nextStep"], found["decemberClosed"]) == ("final", None, True)
    assert (found["selfChecks"], found["enrolledUnits"]) == (2, 2)
    steps = nodes(found["steps"])
    assert [(s["step"], s["actorRole"]) for s in steps] == [
        ("self_check", "unit"), ("self_check", "unit"),
        ("centralized_review", "assessment_office"), ("spot_check", "assessment_office"),
        ("democratic_evaluation", "assessment_office"), ("aggregate_score", "assessment_office"),
        ("ranking", "assessment_office"), ("preliminary_review", "leader"),
        ("public_announcement", "assessment_office"), ("committee_decision", "leader"),
        ("final", "leader"), ("amendment", "leader"),
    ]  # fmt: skip
    assert steps[8]["facts"] == {"objections_until": "2026-01-09"}
    assert steps[9]["facts"] == {"basis": "县委常委会第1次会议纪要"}
    assert [s["position"] for s in steps] == sorted(s["position"] for s in steps)
    assert nodes(found["objections"]) == [
        {"number": 1, "unitId": str(walked.town), "grounds": "红旗加分漏计",
         "raisedBy": filler(walked.town).user_id, "upheld": True, "answer": "已核实补计",
         "answeredBy": OFFICE.user_id}
    ]  # fmt: skip


def test_as_of_before_the_answer_the_objection_stands_unanswered(walked: WalkedYear) -> None:
    then = year_end(walked, INSPECTOR, asOf={"position": walked.before_answer})
    assert then["asOf"]["position"] <= walked.before_answer
    assert (then["reached"], then["nextStep"]) == ("public_announcement", "committee_decision")
    assert [(o["number"], o["upheld"], o["answer"]) for o in nodes(then["objections"])] == [
        (1, None, None)
    ]
    assert nodes(then["steps"])[-1]["step"] == "public_announcement"


def test_an_amendment_after_the_lock_shows_in_the_year_end_the_trail_and_the_ledger(
    walked: WalkedYear,
) -> None:
    amendment = nodes(year_end(walked, OFFICE)["steps"])[-1]
    assert (amendment["step"], amendment["reason"]) == ("amendment", "异议1成立，补计加分")
    assert amendment["facts"]["command"] == "grant_bonus"
    trail = nodes(walked.api.data(TRAIL, {"id": LEADER.user_id}, as_=INSPECTOR)["auditTrail"])
    assert {"event": "AmendedAfterFinalization", "reason": "异议1成立，补计加分"} in trail
    ledger = walked.api.data(LEDGER, {"unitId": str(walked.town)}, as_=OFFICE)["unitLedger"]
    bonuses = [n for n in nodes(ledger["lines"]) if n["kind"] == "bonus"]
    assert [(b["points"], b["eventIds"]) for b in bonuses] == [("0.50", [f"{walked.bonus}@1"])]


def test_a_unit_user_reads_its_own_self_check_and_objection_and_the_offices_steps(
    walked: WalkedYear,
) -> None:
    town = year_end(walked, filler(walked.town))
    department = year_end(walked, filler(walked.department))
    assert [o["unitId"] for o in nodes(town["objections"])] == [str(walked.town)]
    assert nodes(department["objections"]) == []
    checks = [s["unitIds"] for s in nodes(department["steps"]) if s["step"] == "self_check"]
    assert checks == [[str(walked.department)]]
    spot = next(s for s in nodes(town["steps"]) if s["step"] == "spot_check")
    assert spot["unitIds"] == [str(walked.town)]  # the town was spot-checked
    assert not any(s["step"] == "spot_check" for s in nodes(department["steps"]))
    assert str(walked.town) not in str(department)
