"""The checkpoints the views stand at: every batch commits its rows with its checkpoint
(infrastructure/views/store.py), so the newest checkpoint is where the views are."""

from __future__ import annotations

from projections.sql import ViewTransaction
from projections.versioned import AS_OF, CURRENT


def latest_checkpoint(tx: ViewTransaction) -> int:
    """The position of the newest committed batch (0 before anything was projected)."""
    [(found,)] = tx.rows("SELECT max(position) FROM projection_checkpoints")
    return 0 if found is None else int(found)


def version_filter(as_of: int | None) -> tuple[str, tuple[int, ...]]:
    """The condition choosing each row's version current (None) or as of a checkpoint,
    and its parameters."""
    return (CURRENT, ()) if as_of is None else (AS_OF, (as_of, as_of))
