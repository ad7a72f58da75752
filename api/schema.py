"""The GraphQL schema: one query and one mutation type joined from each feature's module,
the limits every request is held to, and the SDL committed as `schema.graphql`.

`python -m api.schema` rewrites schema.graphql from the code; `python -m api.schema
--release` also makes it the baseline breaking changes are checked against
(docs/api.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)

from api.audit import AuditQueries
from api.campaigns import CampaignQueries
from api.case_answers import CaseAnswerMutations
from api.cases import CaseMutations
from api.digests import DigestMutations, DigestQueries
from api.errors import ErrorPolicy
from api.evaluations import EvaluationMutations
from api.event_log import EventLogQueries
from api.explanations import ExplanationQueries
from api.federation import FederationQueries
from api.incentives import IncentiveMutations
from api.inspections import InspectorReads
from api.ledgers import LedgerQueries
from api.log_verification import LogVerificationQueries
from api.progress_reports import ProgressReportQueries
from api.proofs import ProofQueries
from api.rankings import RankingQueries
from api.replay import ReplayQueries
from api.reports import ReportMutations
from api.response_cache import ViewAnswerKeys
from api.reward_ledger import RewardLedgerQueries
from api.rulebooks import RulebookQueries
from api.settings import ApiSettings
from api.special_assessments import SpecialAssessmentMutations
from api.special_results import SpecialResultQueries
from api.supervision_case import SupervisionCaseQueries
from api.supervision_ledger import SupervisionLedgerQueries
from api.target_list import TargetQueries
from api.targets import TargetMutations
from api.telemetry import OperationRecorder
from api.units import UnitMutations, UnitQueries
from api.warning_board import WarningBoardQueries
from api.year_end import YearEndMutations
from api.year_end_state import YearEndQueries
from api.years import YearMutations, YearQueries

ROOT = Path(__file__).resolve().parents[1]
SDL_FILE = ROOT / "schema.graphql"
BASELINE_FILE = ROOT / "schema.baseline.graphql"


def health() -> str:
    return "ok"


@strawberry.type(description="Read the assessment office's records.")
class Query(
    YearQueries,
    RulebookQueries,
    UnitQueries,
    TargetQueries,
    ProgressReportQueries,
    EventLogQueries,
    RankingQueries,
    LedgerQueries,
    WarningBoardQueries,
    RewardLedgerQueries,
    AuditQueries,
    ReplayQueries,
    ExplanationQueries,
    DigestQueries,
    ProofQueries,
    LogVerificationQueries,
    FederationQueries,
    SupervisionLedgerQueries,
    SupervisionCaseQueries,
    CampaignQueries,
    SpecialResultQueries,
    YearEndQueries,
):
    health: str = strawberry.field(
        resolver=health, description="`ok` while the service can answer; needs no token."
    )


@strawberry.type(description="Change the records: every mutation runs one command.")
class Mutation(
    YearMutations,
    UnitMutations,
    TargetMutations,
    ReportMutations,
    IncentiveMutations,
    CaseMutations,
    CaseAnswerMutations,
    EvaluationMutations,
    SpecialAssessmentMutations,
    YearEndMutations,
    DigestMutations,
):
    pass


class AssessmentSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Refused requests are answers, not incidents: ErrorPolicy logs the unexpected."""


DOCUMENTS_CACHED = 256  # parsed and validated documents kept, least recently used out


def build_schema(settings: ApiSettings) -> strawberry.Schema:
    # ErrorPolicy runs last, after the limits have said their piece, so their errors
    # get codes too; OperationRecorder sees the codes the client sees.
    # The limits' rules are made once, so a document validated under them is validated
    # once (validating costs more than resolving a small query): clients send the same
    # few documents with other variables. The token limit applies while parsing, and a
    # document over it is refused every time (a refusal is not cached).
    depth = QueryDepthLimiter(max_depth=settings.max_depth).validation_rules
    aliases = MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules
    extensions: list[Callable[[], SchemaExtension]] = [
        OperationRecorder,
        ErrorPolicy,
        lambda: AddValidationRules(depth),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: AddValidationRules(aliases),
        InspectorReads,  # after validation: every inspector query executed is recorded
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    extensions += [
        lambda: ParserCache(maxsize=DOCUMENTS_CACHED),
        lambda: ValidationCache(maxsize=DOCUMENTS_CACHED),
    ]
    if settings.answers_cached:  # after InspectorReads; kept by api/kept_answers.py
        extensions.append(ViewAnswerKeys)
    return AssessmentSchema(query=Query, mutation=Mutation, extensions=extensions)


def sdl() -> str:
    return build_schema(ApiSettings()).as_str() + "\n"


def main(argv: list[str]) -> None:
    SDL_FILE.write_text(sdl(), "utf-8")
    if "--release" in argv:
        BASELINE_FILE.write_text(sdl(), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
