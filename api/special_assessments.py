"""Special assessments (专项考核): one assessment's results imported from the file its
department sent (CSV or xlsx, base64 in the input). The server hashes the bytes it read,
so the recorded SHA-256 is of the file actually imported; every bad row is named in
`extensions.problems` and nothing is stored."""

from __future__ import annotations

import base64
import binascii
import hashlib
from decimal import Decimal

import strawberry

from api.common import AmendableInput, Changed, YearCommandInput
from api.errors import input_path
from api.inputs import value_of
from api.mutation import Run, ident, mutation
from api.permissions import Guard
from api.ports import TableReader
from domain.actors import Duty
from domain.errors import DomainError, InvalidInput
from domain.special.results import ResultScale
from domain.special.table import ImportTable, SourceFile


@strawberry.input(description="A file, its bytes in base64.")
class FileInput:
    file_name: str = strawberry.field(description="Its name; `.csv` or `.xlsx`.")
    content_base64: str = strawberry.field(description="Its bytes, base64-encoded.")


@strawberry.input(description="A special assessment's results to import, all or nothing.")
class ImportSpecialAssessmentInput(YearCommandInput, AmendableInput):
    key: str = strawberry.field(description="The assessment's key in the year.")
    name: str = strawberry.field(description="Its name.")
    department: str = strawberry.field(description="The department that assessed.")
    lowest: Decimal = strawberry.field(description="The lowest score of its scale.")
    highest: Decimal = strawberry.field(description="The highest score of its scale.")
    file: FileInput = strawberry.field(description="The results: columns unit_code and score.")
    reason: str | None = strawberry.field(
        default=None, description="Why results are replaced; required on a later import."
    )


def _read(file: FileInput, reader: TableReader) -> tuple[ImportTable, SourceFile]:
    try:
        data = base64.b64decode(file.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("not base64", field="input.file.contentBase64") from None
    source = value_of(
        SourceFile,
        {
            "file_name": file.file_name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        },
        "input.file",
    )
    try:
        return reader(data, file.file_name), source
    except DomainError as error:
        error.field = input_path(error.field, "input.file")
        raise


@strawberry.type
class SpecialAssessmentMutations:
    @mutation(
        Guard(Duty.IMPORT_SPECIAL_ASSESSMENT),
        "Import a special assessment's results (专项考核): every row or none.",
    )
    def import_special_assessment(run: Run, input: ImportSpecialAssessmentInput) -> Changed:
        scale = value_of(ResultScale, {"lowest": input.lowest, "highest": input.highest}, "input")
        table, source = _read(input.file, run.table_reader)
        special_id = run.app.import_special_assessment(
            year=input.year,
            key=input.key,
            name=input.name,
            department=input.department,
            scale=scale,
            table=table,
            source=source,
            reason=input.reason,
            amendment_reason=input.amendment_reason,
            **run.command(input),
        )
        return Changed(id=ident(special_id))
