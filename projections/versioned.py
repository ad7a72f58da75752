"""Tables that keep every version of their rows, by log position.

A row version is valid from the position of the batch that wrote it until the position
of the batch that replaced or removed it (NULL while current). Reading as of position P
is `valid_from <= P AND (valid_to IS NULL OR valid_to > P)`; reading now is
`valid_to IS NULL`, served by a partial unique index on the key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from projections.sql import ViewTransaction

Key = tuple[Any, ...]
Values = tuple[Any, ...]
CURRENT = "valid_to IS NULL"
AS_OF = "valid_from <= %s AND (valid_to IS NULL OR valid_to > %s)"


@dataclass(frozen=True)
class Changes:
    upserts: dict[Key, Values] = field(default_factory=dict)
    deletes: frozenset[Key] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.upserts or self.deletes)


def diff(old: Mapping[Key, Values], new: Mapping[Key, Values]) -> Changes:
    upserts = {key: values for key, values in new.items() if old.get(key) != values}
    deletes = frozenset(key for key in old if key not in new)
    return Changes(upserts, deletes)


@dataclass(frozen=True)
class RowScope:
    """Some rows of a versioned table, every version of them: those whose columns equal
    the values given (`among`: one more column, equal to any of several values)."""

    table: str
    equal: tuple[tuple[str, str], ...]
    among: tuple[str, tuple[str, ...]] | None = None

    def condition(self) -> tuple[str, tuple[str, ...]]:
        terms = [f"{column} = %s" for column, _ in self.equal]
        params = [value for _, value in self.equal]
        if self.among is not None:
            column, values = self.among
            terms.append(f"{column} IN ({', '.join('%s' for _ in values)})")
            params += values
        return " AND ".join(terms), tuple(params)


def changed_between(tx: ViewTransaction, scopes: Sequence[RowScope], since: int, upto: int) -> bool:
    """Whether any row of `scopes` was written or closed by a checkpoint after `since`
    and up to `upto`: if none was, reading them as of `upto` reads exactly what reading
    them as of `since` read (a version is valid from its checkpoint until the one that
    closed it)."""
    if not scopes:
        return False
    tests, params = [], []
    for scope in scopes:
        among, among_params = scope.condition()
        tests.append(
            f"EXISTS (SELECT 1 FROM {scope.table} WHERE {among} AND ("
            "(valid_from > %s AND valid_from <= %s) OR (valid_to > %s AND valid_to <= %s)))"
        )
        params += [*among_params, since, upto, since, upto]
    [(changed,)] = tx.rows(f"SELECT {' OR '.join(tests)}", params)
    return bool(changed)


@dataclass(frozen=True)
class VersionedTable:
    name: str
    keys: Sequence[tuple[str, str]]  # (column, type)
    values: Sequence[tuple[str, str]]

    @property
    def key_names(self) -> list[str]:
        return [column for column, _ in self.keys]

    @property
    def value_names(self) -> list[str]:
        return [column for column, _ in self.values]

    def scope(self, among: tuple[str, Sequence[str]] | None = None, **equal: str) -> RowScope:
        """Its rows whose columns equal `equal`'s values (and `among`'s column any of its)."""
        chosen = None if among is None else (among[0], tuple(among[1]))
        return RowScope(self.name, tuple(equal.items()), chosen)

    def create_statements(self) -> list[str]:
        columns = ", ".join(f"{name} {kind}" for name, kind in (*self.keys, *self.values))
        keys = ", ".join(self.key_names)
        return [
            f"CREATE TABLE IF NOT EXISTS {self.name} ({columns}, "
            "valid_from BIGINT NOT NULL, valid_to BIGINT)",
            f"CREATE UNIQUE INDEX IF NOT EXISTS {self.name}_current "
            f"ON {self.name} ({keys}) WHERE {CURRENT}",
            f"CREATE INDEX IF NOT EXISTS {self.name}_history ON {self.name} ({keys}, valid_from)",
        ]

    def current(self, tx: ViewTransaction) -> dict[Key, Values]:
        columns = ", ".join((*self.key_names, *self.value_names))
        rows = tx.rows(f"SELECT {columns} FROM {self.name} WHERE {CURRENT}")
        width = len(self.keys)
        return {row[:width]: row[width:] for row in rows}

    def write(self, tx: ViewTransaction, position: int, changes: Changes) -> None:
        where = " AND ".join(f"{column} = %s" for column in self.key_names)
        closing = [(position, *key) for key in (*changes.upserts, *changes.deletes)]
        tx.executemany(
            f"UPDATE {self.name} SET valid_to = %s WHERE {where} AND {CURRENT}",
            closing,
        )
        tx.insert(
            self.name,
            (*self.key_names, *self.value_names, "valid_from"),
            [(*key, *values, position) for key, values in changes.upserts.items()],
        )

    def reset(self, tx: ViewTransaction) -> None:
        tx.execute(f"DELETE FROM {self.name}")
