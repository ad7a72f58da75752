"""Turning GraphQL input into the domain's values, naming the input path of any fault.

Inputs are strawberry dataclasses whose Python names are the domain's (`unit_id`,
`annual_goal`); `value_of` validates them with the domain's own pydantic model, so a
rule stated once in the domain (a weight above 0 and at most 100, a sha256 of 64 hex
digits) is the rule the API applies, and a breach names `input.spec.weight`.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

import strawberry
from pydantic import BaseModel, ValidationError

from api.errors import camel
from domain.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def plain(value: Any) -> Any:
    """Input dataclasses and enums as the dicts and strings pydantic validates."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not strawberry.UNSET
        }
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def value_of(model: type[M], data: Any, path: str) -> M:
    try:
        return model.model_validate(plain(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join([path, *(camel(str(part)) for part in first["loc"])])
        raise InvalidInput(f"{where}: {first['msg']}", field=where) from None


def uuid_of(text: str, path: str) -> UUID:
    try:
        return UUID(str(text))
    except ValueError:
        raise InvalidInput(f"{path}: '{text}' is not an id", field=path) from None


def uuids_of(texts: list[strawberry.ID], path: str) -> list[UUID]:
    return [uuid_of(text, f"{path}.{index}") for index, text in enumerate(texts)]


def optional_uuid(text: str | None, path: str) -> UUID | None:
    return None if text is None else uuid_of(text, path)


def key_of(key: str | None) -> str | None:
    """An idempotency key: up to 200 characters; empty means none."""
    if key is None or key == "":
        return None
    if len(key) > 200 or not key.isprintable():
        raise InvalidInput(
            "idempotencyKey: up to 200 printable characters", field="input.idempotencyKey"
        )
    return key


EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def check_year(year: int) -> None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise InvalidInput(f"year must be between {EARLIEST_YEAR} and {LATEST_YEAR}", field="year")
