"""Building result models from values the engine computed itself.

A replay of a million events yields hundreds of thousands of standings and warnings;
pydantic's validation (≈8 µs each) or even `model_construct` (≈9 µs) would cost more
than the whole fold. The values here come from already validated events and rulebooks,
so the engine fills the instance the way `model_construct` does, minus its per-call
bookkeeping (≈1.5 µs). Instances compare, hash and serialize like validated ones.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__
_FIELDS: dict[type[BaseModel], set[str]] = {}


def built(cls: type[M], values: dict[str, Any]) -> M:
    """`cls` with exactly `values` (every field, no defaults, no validation)."""
    fields = _FIELDS.get(cls)
    if fields is None:
        fields = _FIELDS[cls] = set(cls.model_fields)
    if len(values) != len(fields):
        raise TypeError(f"{cls.__name__} needs every field, got {sorted(values)}")
    instance = cls.__new__(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", fields)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance
