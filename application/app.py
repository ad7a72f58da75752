"""The assessment application: every command of the core, one method each."""

from __future__ import annotations

from application.incentives import IncentiveCommands
from application.reports import ReportCommands
from application.targets import TargetCommands
from application.units import UnitCommands
from application.years import YearCommands


class AssessmentApplication(
    YearCommands, UnitCommands, TargetCommands, ReportCommands, IncentiveCommands
):
    """Commands are grouped by aggregate in their own modules; this class joins them."""

    name = "Assessment"
