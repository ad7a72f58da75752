"""The published tables as the API's downloads (api/exports.py): the same sheets and the
same bytes the CLI writes (infrastructure/cli_exports.py), for the rows the caller may
read."""

from __future__ import annotations

from uuid import UUID

from application.app import AssessmentApplication
from infrastructure.exports.files import to_bytes
from infrastructure.exports.sheets import ledger_sheet, ranking_sheet
from infrastructure.exports.supervision import supervision_ledger_sheet


class OfficeExports:
    """`api.exports.Exports`, written with infrastructure/exports."""

    def ranking(
        self, app: AssessmentApplication, *, year: int, period: str, unit_id: UUID | None,
        form: str,
    ) -> bytes:  # fmt: skip
        return to_bytes(ranking_sheet(app, year=year, period=period, unit_id=unit_id), form)

    def ledger(
        self, app: AssessmentApplication, *, year: int, unit_ids: list[UUID] | None, form: str
    ) -> bytes:
        return to_bytes(ledger_sheet(app, year=year, unit_ids=unit_ids), form)

    def supervision_ledger(
        self, app: AssessmentApplication, *, year: int, unit_id: UUID | None,
        level: str | None, status: str | None, form: str,
    ) -> bytes:  # fmt: skip
        sheet = supervision_ledger_sheet(
            app, year=year, unit_id=unit_id, level=level, status=status
        )
        return to_bytes(sheet, form)
