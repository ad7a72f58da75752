"""The demo year generator on both stores: a tiny year through the commands only,
byte-identical for the same seed, different for another, and holding what issue 3
point 8 asks for (late, missing and rejected reports, two red flags a month, sanctions
of every kind with one veto, a finalized year) and what issue 7 adds (supervision cases
of every source and level through the machine, evaluations of the four kinds, special
assessments)."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import orjson
import psycopg
import pytest
from psycopg import sql

from application.app import AssessmentApplication
from domain.ids import red_flag_round_id, target_list_id
from domain.incentives.red_flag import RedFlagRound
from domain.periods import OFFICE_TZ
from domain.supervision.case import SupervisionCase
from domain.supervision.states import FINAL_STATES
from domain.supervision.terms import CaseSource
from domain.targets.target_list import TargetList
from domain.vocabulary import AttentionLevel, EvaluationKind
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, RandomIds, SeededIds
from infrastructure.demo import GenerationReport, generate_year
from infrastructure.demo.plan import make_plan
from infrastructure.demo.sizes import SIZES
from infrastructure.settings import Settings
from tests.builders import standard_rulebook
from tests.conftest import STORES

YEAR = 2025


@dataclass
class Generated:
    app: AssessmentApplication
    report: GenerationReport
    log: list[tuple[str, bytes]]  # (topic, state) of every notification, in order


def _log(app: AssessmentApplication) -> list[tuple[str, bytes]]:
    notes, start = [], 1
    while page := app.recorder.select_notifications(start=start, limit=5000):
        notes += [(n.topic, bytes(n.state)) for n in page]
        start = page[-1].id + 1
    return notes


def _generate(url: str, seed: int) -> Generated:
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    app = build_application(Settings(url), clock=clock, ids=SeededIds(seed))
    report = generate_year(app, clock, size="tiny", seed=seed, year=YEAR)
    return Generated(app, report, _log(app))


@pytest.fixture(scope="module", params=STORES)
def store_urls(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[str]]:
    """Three empty stores of one kind: two generations of one seed and one of another."""
    if request.param == "sqlite":
        folder: Path = tmp_path_factory.mktemp("demo")
        yield [f"sqlite:///{folder}/events-{n}.sqlite" for n in range(3)]
        return
    database = request.getfixturevalue("pg_database")
    schemas = [f"demo_{uuid.uuid4().hex[:10]}" for _ in range(3)]
    with psycopg.connect(database, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield [f"{database}?schema={schema}" for schema in schemas]
    with psycopg.connect(database, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(scope="module")
def years(store_urls: list[str]) -> Iterator[list[Generated]]:
    generated = [_generate(url, seed) for url, seed in zip(store_urls, (7, 7, 8), strict=True)]
    yield generated
    for year in generated:
        year.app.close()


@pytest.fixture(scope="module")
def tiny(years: list[Generated]) -> Generated:
    return years[0]


def _events(log: list[tuple[str, bytes]], name: str) -> list[dict[str, object]]:
    return [orjson.loads(state) for topic, state in log if topic.endswith(name)]


def _ids(app: AssessmentApplication, name: str) -> list[uuid.UUID]:
    notes = app.recorder.select_notifications(start=1, limit=1_000_000)
    return [n.originator_id for n in notes if n.topic.endswith(name)]


def test_the_same_seed_writes_a_byte_identical_log(years: list[Generated]) -> None:
    first, again, _ = years
    assert len(first.log) > 1000
    assert first.log == again.log
    assert first.report.events_by_type == again.report.events_by_type


def test_another_seed_writes_another_log(years: list[Generated]) -> None:
    first, _, other = years
    assert first.log != other.log


def test_the_report_counts_what_the_store_holds(tiny: Generated) -> None:
    by_name = Counter(topic.rsplit(":", 1)[-1] for topic, _ in tiny.log)
    reported = {
        (name if "." in name else next(q for q in by_name if q.endswith(f".{name}"))): count
        for name, count in tiny.report.events_by_type.items()
    }
    assert reported == dict(by_name)
    assert tiny.report.events == len(tiny.log)
    assert tiny.report.commands < tiny.report.events
    assert "TargetApproved" in tiny.report.table()


def test_eight_units_in_two_categories_each_with_a_100_point_list(tiny: Generated) -> None:
    year = tiny.app.year(YEAR)
    assert len(year.roster) == 8
    assert set(year.roster.values()) == {"town", "government_department"}
    for unit_id in year.roster:
        targets = tiny.app.read(TargetList, target_list_id(year.id, unit_id), field="unit_id")
        assert targets.approved_total() == Decimal(100)


def test_reports_come_late_go_missing_and_are_rejected(tiny: Generated) -> None:
    counts = tiny.report.events_by_type
    assert counts["ReportLate"] > 0
    assert counts["ReportMissing"] > 0
    assert counts["ProgressRejected"] > 0
    assert counts["TargetReturned"] == counts["TargetResubmitted"] > 0
    assert counts["DynamicTargetAssigned"] == counts["TargetRevised"] == 1


def test_two_red_flags_for_every_closed_month_one_per_slot(tiny: Generated) -> None:
    year = tiny.app.year(YEAR)
    assert year.closed_months == 12
    for month in range(1, 13):
        rounds = tiny.app.read(
            RedFlagRound, red_flag_round_id(year.id, f"{YEAR}-{month:02d}"), field="period"
        )
        assert set(rounds.awarded) == {"department", "town"}


def test_sanctions_of_every_kind_exactly_one_veto_and_one_revoked(tiny: Generated) -> None:
    kinds = Counter(e["kind"] for e in _events(tiny.log, "Sanction.Imposed"))
    assert set(kinds) == {"reminder", "interview", "notification", "admonishment",
                          "accountability", "yellow_card", "veto"}  # fmt: skip
    assert kinds["veto"] == 1
    assert len(_events(tiny.log, "Sanction.Revoked")) == 1


def test_one_unit_is_granted_more_bonus_than_the_cap(tiny: Generated) -> None:
    granted: defaultdict[object, Decimal] = defaultdict(Decimal)
    for grant in _events(tiny.log, "Bonus.Granted"):
        granted[grant["unit_id"]] += Decimal(str(grant["points"]))
    assert max(granted.values()) > 5


def test_the_year_is_finalized_by_a_leader_and_time_only_moves_forward(tiny: Generated) -> None:
    assert tiny.app.year(YEAR).finalized
    (finalized,) = _events(tiny.log, "AssessmentYear.Finalized")
    assert finalized["meta"]["actor_role"] == "leader"  # type: ignore[index]
    stamps = [datetime.fromisoformat(str(orjson.loads(s)["timestamp"])) for _, s in tiny.log]
    assert stamps == sorted(stamps)


def test_generation_refuses_random_ids_and_unknown_sizes(tmp_path: Path) -> None:
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    settings = Settings(f"sqlite:///{tmp_path}/refused.sqlite")
    random_ids = build_application(settings, clock=clock, ids=RandomIds())
    seeded = build_application(settings, clock=clock, ids=SeededIds(1))
    try:
        with pytest.raises(ValueError, match="SeededIds"):
            generate_year(random_ids, clock, size="tiny")
        with pytest.raises(ValueError, match="unknown demo size"):
            generate_year(seeded, clock, size="province")
        assert (seeded.recorder.max_notification_id() or 0) == 0
    finally:
        random_ids.close()
        seeded.close()


def test_the_plan_counts_every_command_the_generation_runs(tiny: Generated) -> None:
    plan = make_plan(SIZES["tiny"], seed=7, year=YEAR, rulebook=standard_rulebook())
    assert tiny.report.commands == plan.command_count()


def test_supervision_cases_of_every_source_and_level_run_through_the_machine(
    tiny: Generated,
) -> None:
    opened = _events(tiny.log, "SupervisionCase.Opened")
    assert {e["matter"]["source"] for e in opened} == {s.value for s in CaseSource}  # type: ignore[index]
    assert {e["attention_level"] for e in opened} == {level.value for level in AttentionLevel}
    counts = tiny.report.events_by_type
    assert counts["Escalated"] == 1
    assert counts["SupervisionCase.Closed"] > 0
    assert counts["VerificationFailed"] > 0
    assert counts["NoticeIssued"] > 0
    assert counts["SupervisionCase.ProgressReported"] > 0
    finalized = datetime.fromisoformat(
        str(_events(tiny.log, "AssessmentYear.Finalized")[0]["timestamp"])
    )
    cases = [
        tiny.app.read(SupervisionCase, case_id, field="case_id")
        for case_id in _ids(tiny.app, "SupervisionCase.Opened")
    ]
    overdue = [c for c in cases if c.state not in FINAL_STATES and c.overdue(finalized)]
    assert overdue, "no case is overdue at the year end"


def test_evaluations_of_the_four_kinds_with_ballots_and_public_tokens(tiny: Generated) -> None:
    kinds = Counter(e["kind"] for e in _events(tiny.log, "EvaluationCampaign.Opened"))
    assert set(kinds) == {kind.value for kind in EvaluationKind}
    closed = len(_events(tiny.log, "EvaluationCampaign.Closed"))
    assert closed == sum(kinds.values())
    assert len(_events(tiny.log, "PublicBallotSubmitted")) == SIZES["tiny"].public_ballots
    (issued,) = _events(tiny.log, "TokensIssued")
    assert len(issued["token_sha256"]) == SIZES["tiny"].public_ballots  # type: ignore[arg-type]
    evaluators = {e["evaluator"] for e in _events(tiny.log, "Campaign.BallotSubmitted")}
    assert any(str(name).startswith("unit:") for name in evaluators)  # 互评
    assert {"user:representative-01", "user:representative-02"} <= evaluators  # 民主测评


def test_two_special_assessments_imported_one_corrected(tiny: Generated) -> None:
    registered = {e["key"] for e in _events(tiny.log, "SpecialAssessment.Registered")}
    assert registered == {"work-safety", "ecology"}
    imports = _events(tiny.log, "ResultsImported")
    assert len(imports) == 3
    assert [e["meta"]["reason"] for e in imports].count(None) == 2  # type: ignore[index]
