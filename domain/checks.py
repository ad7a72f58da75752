"""Small input checks shared by the aggregates of supervision, evaluations and year end."""

from __future__ import annotations

from domain import errors


def require_text(value: str | None, field: str) -> str:
    """The text stripped, or INVALID_INPUT naming `field` when it is empty."""
    if not (value and value.strip()):
        raise errors.InvalidInput(f"{field} must not be empty", field=field)
    return value.strip()
