"""The assessment application: every command, one method each."""

from __future__ import annotations

from application.case_answers import CaseAnswerCommands
from application.evaluations import EvaluationCommands
from application.explanations import ExplanationQueries
from application.incentives import IncentiveCommands
from application.inspections import InspectionCommands
from application.integrity import IntegrityCommands
from application.record_views import RecordQueries
from application.replay import ReplayQueries
from application.reports import ReportCommands
from application.special_assessments import SpecialAssessmentCommands
from application.supervision import SupervisionCommands
from application.targets import TargetCommands
from application.units import UnitCommands
from application.year_end import YearEndCommands
from application.years import YearCommands


class AssessmentApplication(
    YearCommands,
    UnitCommands,
    TargetCommands,
    ReportCommands,
    IncentiveCommands,
    SupervisionCommands,
    CaseAnswerCommands,
    EvaluationCommands,
    SpecialAssessmentCommands,
    YearEndCommands,
    IntegrityCommands,
    InspectionCommands,
    ReplayQueries,
    ExplanationQueries,
    RecordQueries,
):
    """Commands are grouped by aggregate in their own modules, queries over the log and
    the views in theirs; this class joins them."""

    name = "Assessment"
