"""The rulebook's rounding, applied to every score line (never to the total: the total
is the exact sum of the rounded lines, so the ledger always adds up)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from domain.rulebook.model import Rounding

Round = Callable[[Decimal], Decimal]


def rounder(rounding: Rounding) -> Round:
    step = Decimal(1).scaleb(-rounding.places)
    mode = rounding.mode  # the decimal module names its modes by these very strings

    def round_points(points: Decimal) -> Decimal:
        return points.quantize(step, rounding=mode)

    return round_points
