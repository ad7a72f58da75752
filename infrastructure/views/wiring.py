"""The projection runner of an application: its store, its log and every view."""

from __future__ import annotations

from application.app import AssessmentApplication
from application.red_warning_policy import RedWarningPolicy
from infrastructure.settings import Settings
from infrastructure.views.log import ApplicationLog
from infrastructure.views.store import PostgresViewStore, SQLiteViewStore
from projections.audit_trail import AuditTrailView, Subjects
from projections.campaigns import campaigns_view
from projections.case_book import CaseBook
from projections.case_openings import CaseOpeningsView
from projections.case_urgings import CaseUrgingsView
from projections.ledger import LedgerLinesView, UnitResultsView
from projections.rankings import RankingsView
from projections.reminders import Contacts, ReminderOutboxView
from projections.reward_ledger import RewardLedgerView
from projections.runner import ProjectionRunner, View
from projections.score_state import ScoreState
from projections.special_results import special_results_view
from projections.supervision_ledger import SupervisionLedgerView
from projections.warning_board import WarningBoardView
from projections.year_end_view import year_end_views
from projections.year_records import YearRecords


def view_store(
    application: AssessmentApplication, settings: Settings
) -> PostgresViewStore | SQLiteViewStore:
    kind = PostgresViewStore if settings.is_postgres else SQLiteViewStore
    return application.factory.tracking_recorder(kind)  # type: ignore[arg-type,return-value]


def projection_runner(
    application: AssessmentApplication, settings: Settings, *, listen: bool = False
) -> ProjectionRunner:
    """`listen`: wake on PostgreSQL's NOTIFY instead of polling (a long-running runner)."""
    listen_url = settings.database_url.split("?", 1)[0] if listen and settings.is_postgres else None
    subjects, scores, contacts, cases = Subjects(), ScoreState(), Contacts(), CaseBook()
    records = YearRecords()  # campaigns, special assessments, the year end
    views: list[View] = [
        AuditTrailView(subjects),
        RankingsView(scores),
        UnitResultsView(scores),
        LedgerLinesView(scores),
        WarningBoardView(scores),
        RewardLedgerView(scores),
        ReminderOutboxView(scores, contacts),
        SupervisionLedgerView(cases),
        CaseUrgingsView(cases, contacts),
        CaseOpeningsView(scores, contacts),
        campaigns_view(records),
        special_results_view(records),
        *year_end_views(records),
    ]
    return ProjectionRunner(
        ApplicationLog(application, listen_url=listen_url),
        view_store(application, settings),
        views,
        [subjects, scores, contacts, cases, records],
    )


def red_warning_policy(application: AssessmentApplication, settings: Settings) -> RedWarningPolicy:
    """The drainer of the red-warning policy's outbox, over the application's view store."""
    return RedWarningPolicy(application, view_store(application, settings))
