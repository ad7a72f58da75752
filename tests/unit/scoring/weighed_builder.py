"""Supervision cases, evaluation campaigns and special assessments added to a
`YearBuilder`'s log through the aggregates' own methods, each step stamped by the role
that takes it (tests of the clauses that weigh them into the total)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from domain.evaluations.ballots import Evaluators, Scale, UnitScore
from domain.evaluations.campaign import EvaluationCampaign
from domain.special.assessment import SpecialAssessment
from domain.special.results import ResultScale
from domain.special.table import ImportTable, SourceFile, TableRow
from domain.supervision.case import SupervisionCase
from domain.supervision.matter import CaseMatter, CaseReport
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel, EvaluationKind, Role
from tests.unit.scoring.year_builder import JURISDICTION, YearBuilder, stamp

REPORT = CaseReport(narrative="整改完成")
SOURCE = SourceFile(file_name="results.csv", sha256="0" * 64, size=100)


class Weighed:
    """The cases, campaigns and assessments of one built year, by id."""

    def __init__(self, b: YearBuilder) -> None:
        self.b = b
        self.cases: dict[UUID, SupervisionCase] = {}
        self.campaigns: dict[UUID, EvaluationCampaign] = {}
        self.specials: dict[str, SpecialAssessment] = {}

    def _take(self, aggregate: object) -> None:
        self.b.events.extend(aggregate.collect_events())  # type: ignore[attr-defined]

    # -- cases --------------------------------------------------------------------------

    def case(
        self,
        unit_id: UUID,
        deadline: date,
        at: datetime,
        level: AttentionLevel = AttentionLevel.GENERAL,
        target_id: UUID | None = None,
    ) -> UUID:
        case = SupervisionCase.open(
            id=self.b._next_id("case"),
            year_id=self.b.year.id,
            matter=CaseMatter(
                title="督办事项", requirement="按期办结", source=CaseSource.LEADER_INSTRUCTION
            ),
            attention_level=level,
            lead_unit=unit_id,
            cooperating_units=[],
            deadline=deadline,
            target_id=target_id,
            enrolled=self.b.year.roster,
            stamp=stamp(Role.SUPERVISION_OFFICE, at),
        )
        case.assign(instructions="限期办结", stamp=stamp(Role.SUPERVISION_OFFICE, at))
        case.commit(promised_on=deadline, measures="倒排工期", stamp=stamp(Role.UNIT, at, unit_id))
        self.cases[case.id] = case
        self._take(case)
        return case.id

    def relevel(self, case_id: UUID, level: AttentionLevel, at: datetime) -> None:
        case = self.cases[case_id]
        case.adjust_attention_level(
            level=level, stamp=stamp(Role.SUPERVISION_OFFICE, at, reason="进展缓慢")
        )
        self._take(case)

    def rectify(self, case_id: UUID, at: datetime) -> None:
        case = self.cases[case_id]
        case.report_rectification(report=REPORT, stamp=stamp(Role.UNIT, at, case.lead_unit))
        self._take(case)

    def verify(self, case_id: UUID, at: datetime, *, passed: bool = True) -> None:
        case = self.cases[case_id]
        reason = None if passed else "整改不到位"
        case.verify(passed=passed, stamp=stamp(Role.REVIEWER, at, reason=reason))
        self._take(case)

    def close(self, case_id: UUID, at: datetime) -> None:
        case = self.cases[case_id]
        case.close(stamp=stamp(Role.SUPERVISION_OFFICE, at))
        self._take(case)

    def escalate(self, case_id: UUID, at: datetime) -> None:
        case = self.cases[case_id]
        case.escalate(proposal="建议追究责任", persons=[], stamp=stamp(Role.SUPERVISION_OFFICE, at))
        self._take(case)

    # -- evaluations --------------------------------------------------------------------

    def campaign(
        self,
        kind: EvaluationKind,
        units: Sequence[UUID],
        at: datetime,
        *,
        scale: tuple[str, str] = ("0", "100"),
        evaluators: Evaluators | None = None,
    ) -> UUID:
        if evaluators is None:
            evaluators = {
                EvaluationKind.MUTUAL: Evaluators(units=list(units)),
                EvaluationKind.PUBLIC: Evaluators(),
            }.get(kind, Evaluators(users=["leader-a", "leader-b", "leader-c"]))
        campaign = EvaluationCampaign.open(
            id=self.b._next_id("campaign"),
            year_id=self.b.year.id,
            kind=kind,
            title=f"{kind}",
            scale=Scale(lowest=Decimal(scale[0]), highest=Decimal(scale[1])),
            evaluated_units=list(units),
            evaluators=evaluators,
            enrolled=self.b.year.roster,
            stamp=stamp(Role.ASSESSMENT_OFFICE, at),
        )
        self.campaigns[campaign.id] = campaign
        self._take(campaign)
        return campaign.id

    def ballot(
        self, campaign_id: UUID, scores: dict[UUID, str], at: datetime, *, by: str = "leader-a",
        unit: UUID | None = None,
    ) -> None:  # fmt: skip
        campaign = self.campaigns[campaign_id]
        rated = [UnitScore(unit_id=u, score=Decimal(s)) for u, s in scores.items()]
        role = Role.UNIT if unit is not None else Role.LEADER
        ballot_stamp = stamp(role, at, unit).model_copy(update={"actor_id": by})
        campaign.submit(scores=rated, stamp=ballot_stamp)
        self._take(campaign)

    def public_ballots(
        self, campaign_id: UUID, ballots: Sequence[dict[UUID, str]], at: datetime
    ) -> None:
        campaign = self.campaigns[campaign_id]
        tokens = campaign.issue_tokens(count=len(ballots), stamp=stamp(Role.ASSESSMENT_OFFICE, at))
        for token, scores in zip(tokens, ballots, strict=True):
            rated = [UnitScore(unit_id=u, score=Decimal(s)) for u, s in scores.items()]
            campaign.submit_public(token=token, scores=rated, stamp=stamp(Role.PUBLIC, at))
        self._take(campaign)

    def close_campaign(self, campaign_id: UUID, at: datetime) -> None:
        campaign = self.campaigns[campaign_id]
        campaign.close(stamp=stamp(Role.ASSESSMENT_OFFICE, at))
        self._take(campaign)

    # -- special assessments ------------------------------------------------------------

    def special(
        self,
        key: str,
        scores: dict[str, str],
        at: datetime,
        *,
        scale: tuple[str, str] = ("0", "100"),
        name: str = "专项考核",
    ) -> None:
        office = stamp(
            Role.ASSESSMENT_OFFICE, at, reason="部门更正" if key in self.specials else None
        )
        if key not in self.specials:
            self.specials[key] = SpecialAssessment.register(
                year_id=self.b.year.id, key=key, name=name, department="责任部门", stamp=office
            )
        rows = [
            TableRow(number=n, cells={"unit_code": code, "score": score})
            for n, (code, score) in enumerate(scores.items(), 2)
        ]
        special = self.specials[key]
        special.import_results(
            scale=ResultScale(lowest=Decimal(scale[0]), highest=Decimal(scale[1])),
            table=ImportTable(columns=["unit_code", "score"], rows=rows),
            source=SOURCE,
            jurisdiction=JURISDICTION,
            enrolled=self.b.year.roster,
            stamp=office,
        )
        self._take(special)
