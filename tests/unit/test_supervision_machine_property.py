"""Any sequence of case steps either follows the case machine or is refused without
changing the case: its state, version and events stay as they were."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain import errors
from domain.supervision.states import FINAL_STATES, MACHINE, CaseState, CaseStep
from tests.unit.helpers import JAN_6
from tests.unit.supervision_helpers import STEPS, opened_case


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(CaseStep)), max_size=25))
def test_every_step_follows_the_machine_or_changes_nothing(steps: list[CaseStep]) -> None:
    case = opened_case()
    for hour, step in enumerate(steps, start=1):
        allowed, to = MACHINE[step]
        before = (case.state, case.version, case.level)
        try:
            STEPS[step](case, JAN_6 + timedelta(hours=hour))
        except errors.CaseStateInvalid as refused:
            assert before[0] not in allowed
            assert refused.field == "case_id"  # noqa: PT017 (one of many steps may raise)
            assert (case.state, case.version, case.level) == before
            assert case.pending_events == []
            continue
        assert before[0] in allowed
        assert case.state is (before[0] if to is None else to)
        assert case.version == before[1] + 1
        case.collect_events()
    event("ended " + ("final" if case.state in FINAL_STATES else "open"))


def test_closed_and_escalated_cases_allow_no_step() -> None:
    for state in FINAL_STATES:
        assert all(state not in allowed for allowed, _ in MACHINE.values())
    assert {to for _, to in MACHINE.values() if to} == set(CaseState) - {CaseState.OPENED}
