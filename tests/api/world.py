"""A small county at the start of 2025, built through the application, and a valid input
for every mutation of the schema against it: the operations the authorization matrix
walks, and the examples docs/api.md points to.

Unit A (town) has a proposed target, cases in several states, and is an evaluator;
unit B (town) is the other unit a unit user must never reach; units C and D are
registered but not enrolled.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.app import AssessmentApplication
from domain.evaluations.ballots import Evaluators, Scale
from domain.supervision.matter import CaseMatter
from domain.supervision.terms import CaseSource
from domain.vocabulary import AttentionLevel, EvaluationKind, SanctionKind
from tests.builders import (
    INSPECTOR,
    LEADER,
    OFFICE,
    REVIEWER,
    ROOT,
    SUPERVISION,
    YEAR,
    enrolled_unit,
    filler,
    new_unit,
    open_year,
    quantitative,
)

STAFF = (OFFICE, REVIEWER, LEADER, SUPERVISION, INSPECTOR)
MATTER = CaseMatter(
    title="征地拆迁滞后", requirement="3月底前完成签约", source=CaseSource.LEADER_INSTRUCTION
)


@dataclass(frozen=True)
class World:
    a: UUID
    b: UUID
    c: UUID
    d: UUID
    target: UUID
    opened_case: UUID
    assigned_case: UUID
    escalated_case: UUID
    answered_case: UUID
    democratic: UUID
    closing_campaign: UUID
    public: UUID
    token: str
    bonus: UUID
    sanction: UUID


def build_world(app: AssessmentApplication) -> World:
    open_year(app)
    a, b = enrolled_unit(app, "A01"), enrolled_unit(app, "B01")
    c = app.register_unit(unit=new_unit("C01"), since_year=YEAR, by=OFFICE)
    d = app.register_unit(unit=new_unit("D01"), since_year=YEAR, by=OFFICE)
    target = app.propose_target(year=YEAR, unit_id=a, spec=quantitative(), by=filler(a))

    def case(assigned: bool) -> UUID:
        opened = app.open_case(
            year=YEAR,
            matter=MATTER,
            attention_level=AttentionLevel.GENERAL,
            lead_unit=a,
            deadline=app.clock.now().date().replace(month=3, day=31),
            by=SUPERVISION,
        )
        if assigned:
            app.assign_case(case_id=opened, instructions="限期整改", by=SUPERVISION)
        return opened

    def campaign(kind: EvaluationKind, evaluators: Evaluators) -> UUID:
        return app.open_campaign(
            year=YEAR,
            kind=kind,
            title="测评",
            scale=Scale(lowest=Decimal(0), highest=Decimal(100)),
            evaluated_units=[a, b],
            evaluators=evaluators,
            by=OFFICE,
        )

    named = Evaluators(units=[a], users=[actor.user_id for actor in STAFF])
    public = campaign(EvaluationKind.PUBLIC, Evaluators())
    batch = app.issue_evaluation_tokens(campaign_id=public, count=1, by=OFFICE)
    return World(
        a=a,
        b=b,
        c=c,
        d=d,
        target=target,
        opened_case=case(assigned=False),
        assigned_case=case(assigned=True),
        escalated_case=case(assigned=True),
        answered_case=case(assigned=True),
        democratic=campaign(EvaluationKind.DEMOCRATIC, named),
        closing_campaign=campaign(EvaluationKind.DEMOCRATIC, named),
        public=public,
        token=batch.tokens[0],
        bonus=app.grant_bonus(
            year=YEAR, unit_id=a, points=Decimal("0.5"), reason="创新", basis="文件", by=OFFICE
        ),
        sanction=app.impose_sanction(
            year=YEAR,
            unit_id=a,
            kind=SanctionKind.REMINDER,
            reason="迟报",
            article="第十条",
            by=SUPERVISION,
        ),
    )


def person(name: str = "王明") -> dict[str, Any]:
    return {"name": name, "title": "科长"}


def spec(weight: str = "10") -> dict[str, Any]:
    schedule = [str(m) for m in range(1, 13)]
    return {
        "title": "道路建设",
        "kind": "individual",
        "targetClass": "key",
        "group": "economic_development",
        "weight": weight,
        "measure": {
            "quantitative": {"unitOfMeasure": "km", "annualGoal": "12", "schedule": schedule}
        },
        "scoringMode": "continuous",
        "responsibilities": {
            "filler": person("填报人"),
            "directlyResponsible": person("负责人"),
            "contact": person("联系人"),
            "section": "目标科",
            "leaderInCharge": person("分管领导"),
        },
    }


def new_unit_input(code: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": f"单位{code}",
        "category": "town",
        "mainLeader": person("主要领导"),
        "deputyLeader": person("分管领导"),
    }


def inputs(w: World) -> dict[str, dict[str, Any]]:
    """A valid input for every mutation, by its GraphQL name."""
    y, a, t = YEAR, str(w.a), str(w.target)
    on_target = {"year": y, "unitId": a, "targetId": t}
    rebalanced = {"rebalance": [], "reason": "调整"}
    csv = base64.b64encode(b"unit_code,score\nA01,90\nB01,80\n").decode()
    rulebook = (ROOT / "rulebooks" / "standard-2025.yaml").read_text("utf-8")
    return {
        "openYear": {"year": y + 1},
        "adoptRulebook": {"year": y, "rulebook": rulebook},
        "enrolUnit": {"year": y, "unitId": str(w.c)},
        "closePeriod": {"year": y, "period": f"{y}-01"},
        "finalizeYear": {"year": y},
        "registerUnit": {"unit": new_unit_input("N01"), "sinceYear": y},
        "renameUnit": {"unitId": a, "name": "新名", "effectiveYear": y + 1},
        "recategorizeUnit": {
            "unitId": a,
            "category": "government_department",
            "effectiveYear": y + 1,
        },
        "changeUnitLeaders": {"unitId": a, "mainLeader": person(), "deputyLeader": person()},
        "splitUnit": {
            "unitId": str(w.c),
            "newUnits": [new_unit_input("S01")],
            "effectiveYear": y + 1,
            "originalContinues": True,
        },
        "mergeUnits": {
            "unitIds": [str(w.d)],
            "newUnit": new_unit_input("M01"),
            "effectiveYear": y + 1,
        },
        "proposeTarget": {"year": y, "unitId": a, "spec": spec()},
        "reviewTarget": {**on_target, "level": "business_department", "approve": True},
        "resubmitTarget": {**on_target, "spec": spec()},
        "assignDynamicTarget": {"year": y, "unitId": a, "spec": spec(), **rebalanced},
        "reviseTarget": {**on_target, "spec": spec(), **rebalanced},
        "withdrawTarget": {**on_target, **rebalanced},
        "scoreTarget": {**on_target, "score": "5", "outOf": "10", "reason": "完成较好"},
        "reportProgress": {**on_target, "period": f"{y}-01", "value": "1"},
        "verifyProgress": {**on_target, "period": f"{y}-01", "approve": True},
        "grantBonus": {"year": y, "unitId": a, "points": "0.5", "reason": "创新", "basis": "文件"},
        "revokeBonus": {"bonusId": str(w.bonus), "reason": "申诉成立"},
        "awardRedFlag": {"year": y, "period": f"{y}-01", "unitId": a, "theme": "项目建设"},
        "issueDeductionNotice": {"year": y, "unitId": a, "reason": "迟报", "article": "第八条"},
        "imposeSanction": {
            "year": y,
            "unitId": a,
            "kind": "interview",
            "reason": "滞后",
            "article": "第九条",
        },
        "revokeSanction": {"sanctionId": str(w.sanction), "reason": "申诉成立"},
        "openCase": {
            "year": y,
            "matter": {"title": "征地", "requirement": "完成签约", "source": "public_complaint"},
            "attentionLevel": "key",
            "leadUnit": a,
            "deadline": f"{y}-04-30",
        },
        "assignCase": {"caseId": str(w.opened_case), "instructions": "限期整改"},
        "issueCaseNotice": {"caseId": str(w.assigned_case), "colour": "red", "text": "督办"},
        "adjustAttentionLevel": {
            "caseId": str(w.assigned_case),
            "level": "special",
            "reason": "进度滞后",
        },
        "inspectCase": {
            "caseId": str(w.assigned_case),
            "visitedOn": f"{y}-01-05",
            "findings": "属实",
        },
        "closeCase": {"caseId": str(w.assigned_case)},
        "escalateCase": {"caseId": str(w.escalated_case), "proposal": "建议追责"},
        "commitToCase": {
            "caseId": str(w.answered_case),
            "promisedOn": f"{y}-02-01",
            "measures": "倒排工期",
        },
        "reportCaseProgress": {"caseId": str(w.answered_case), "narrative": "已签约10户"},
        "reportRectification": {"caseId": str(w.answered_case), "narrative": "整改完成"},
        "verifyRectification": {"caseId": str(w.answered_case), "passed": True},
        "openCampaign": {
            "year": y,
            "kind": "democratic",
            "title": "民主测评",
            "scale": {"lowest": "0", "highest": "100"},
            "evaluatedUnits": [a, str(w.b)],
            "evaluators": {"users": ["rep-wu"]},
        },
        "issueEvaluationTokens": {"campaignId": str(w.public), "count": 2},
        "submitEvaluation": {
            "campaignId": str(w.democratic),
            "scores": [{"unitId": a, "score": "90"}, {"unitId": str(w.b), "score": "80"}],
        },
        "submitPublicEvaluation": {
            "campaignId": str(w.public),
            "token": w.token,
            "scores": [{"unitId": a, "score": "90"}],
        },
        "closeCampaign": {"campaignId": str(w.closing_campaign)},
        "importSpecialAssessment": {
            "year": y,
            "key": "safety",
            "name": "安全生产",
            "department": "应急局",
            "lowest": "0",
            "highest": "100",
            "file": {"fileName": "safety.csv", "contentBase64": csv},
        },
        "submitSelfCheck": {"year": y, "unitId": a, "summary": "自查完成"},
        "holdCentralizedReview": {"year": y, "summary": "集中会审"},
        "holdSpotCheck": {"year": y, "unitIds": [a], "findings": "属实"},
        "recordDemocraticEvaluation": {"year": y, "campaignId": str(w.democratic)},
        "aggregateScores": {"year": y},
        "rankUnits": {"year": y},
        "reviewResultsPreliminarily": {"year": y, "approve": True},
        "announceResults": {"year": y, "objectionsUntil": f"{y}-01-10"},
        "raiseObjection": {"year": y, "unitId": a, "grounds": "加分漏计"},
        "answerObjection": {"year": y, "number": 1, "upheld": False, "answer": "经核实无误"},
        "decideResults": {"year": y, "basis": "县委常委会纪要"},
        "publishLogDigest": {},
    }
