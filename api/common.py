"""Inputs and types that several features share: what every command input carries, the
people named on units and targets, and evidence files."""

from __future__ import annotations

import strawberry

from api.inputs import value_of
from domain.people import Person
from domain.reports.evidence import Evidence


@strawberry.input(description="What every command's input carries.")
class CommandInput:
    idempotency_key: str | None = strawberry.field(
        default=None,
        description=(
            "A key of your choosing (≤200 characters): a retry under the same key returns "
            "the first answer and stores nothing; the same key with other input is "
            "IDEMPOTENCY_KEY_REUSED."
        ),
    )


@strawberry.input(description="A command on one assessment year.")
class YearCommandInput(CommandInput):
    year: int = strawberry.field(description="The calendar year, e.g. 2025.")


@strawberry.input(description="A change that a finalized year takes only as an amendment.")
class AmendableInput:
    amendment_reason: str | None = strawberry.field(
        default=None,
        description="Why a finalized year is changed; required then, recorded on the year.",
    )


@strawberry.input(description="A person named on a unit or target (leader, filler, contact).")
class PersonInput:
    name: str = strawberry.field(description="Full name (1–60 characters).")
    title: str | None = strawberry.field(default=None, description="Post, e.g. 科长.")
    contact: str | None = strawberry.field(default=None, description="Phone or OA account.")

    def value(self, path: str) -> Person:
        return value_of(Person, self, path)


@strawberry.input(description="A file kept as evidence, named by its SHA-256.")
class EvidenceInput:
    file_name: str = strawberry.field(description="The file's name (1–200 characters).")
    media_type: str = strawberry.field(description="Its media type, e.g. `image/jpeg`.")
    sha256: str = strawberry.field(description="SHA-256 of its bytes, 64 lowercase hex digits.")
    size: int = strawberry.field(description="Its size in bytes (at most 200 MiB).")


def evidence_of(files: list[EvidenceInput], path: str) -> list[Evidence]:
    return [value_of(Evidence, file, f"{path}.{i}") for i, file in enumerate(files)]


@strawberry.type(description="The record a command created or changed, by id.")
class Changed:
    id: strawberry.ID = strawberry.field(description="Id of the record (its aggregate).")
