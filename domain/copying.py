"""A deep copy of aggregate state that skips what cannot change.

Commands change a private copy of a cached aggregate, so a rule broken half-way never
corrupts the cache. `copy.deepcopy` reduces and rebuilds every UUID, datetime and
Decimal in the state, which are immutable: most of its cost per command went there.
Here immutable values are shared (frozen pydantic models and frozen dataclasses too:
aggregate state keeps only immutable values in those), containers and other
dataclasses are rebuilt, and anything else falls back to `copy.deepcopy`, so the copy
is as deep as before where it matters.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import is_dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from pydantic import BaseModel

_IMMUTABLE: tuple[type, ...] = (
    str,
    int,
    float,
    bool,
    bytes,
    type(None),
    UUID,
    date,
    datetime,
    time,
    timedelta,
    Decimal,
    Enum,
    frozenset,
)


def copy_state(value: Any, memo: dict[int, Any]) -> Any:
    """A copy of `value` that no change to the original can reach."""
    if isinstance(value, _IMMUTABLE) or _is_frozen_model(value):
        return value
    found = memo.get(id(value))
    if found is not None:
        return found
    copier = _CONTAINERS.get(type(value))
    if copier is not None:
        return copier(value, memo)
    if is_dataclass(value) and hasattr(value, "__dict__"):
        return copy_object(value, memo)
    return copy.deepcopy(value, memo)


def _is_frozen_model(value: Any) -> bool:
    if isinstance(value, BaseModel):
        return bool(value.model_config.get("frozen"))
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and bool(params.frozen)


def _copy_dict(value: dict[Any, Any], memo: dict[int, Any]) -> dict[Any, Any]:
    clone: dict[Any, Any] = {}
    memo[id(value)] = clone
    for key, item in value.items():
        clone[key] = copy_state(item, memo)
    return clone


def _copy_list(value: list[Any], memo: dict[int, Any]) -> list[Any]:
    clone: list[Any] = []
    memo[id(value)] = clone
    clone.extend(copy_state(item, memo) for item in value)
    return clone


def _copy_set(value: set[Any], memo: dict[int, Any]) -> set[Any]:
    clone = {copy_state(item, memo) for item in value}
    memo[id(value)] = clone
    return clone


def _copy_tuple(value: tuple[Any, ...], memo: dict[int, Any]) -> tuple[Any, ...]:
    return tuple(copy_state(item, memo) for item in value)


_CONTAINERS: dict[type, Callable[[Any, dict[int, Any]], Any]] = {
    dict: _copy_dict,
    list: _copy_list,
    set: _copy_set,
    tuple: _copy_tuple,
}


def copy_object(value: Any, memo: dict[int, Any]) -> Any:
    """A new instance of `value`'s class with a copy of its attributes."""
    clone = object.__new__(type(value))
    memo[id(value)] = clone
    clone.__dict__.update({name: copy_state(item, memo) for name, item in value.__dict__.items()})
    return clone
