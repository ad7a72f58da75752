"""The one SQL shape every view is written in, on SQLite and on PostgreSQL.

Views write portable SQL with `%s` placeholders; the transaction translates them for
SQLite. Values are stored as TEXT (ids, decimals, times, JSON) or BIGINT, so both
stores hold them exactly as written and read them back the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, cast


class DriverCursor(Protocol):
    def execute(self, statement: Any, params: Any = ...) -> Any: ...
    def executemany(self, statement: Any, params: Any) -> Any: ...
    def fetchall(self) -> Any: ...


class CopyingCursor(DriverCursor, Protocol):
    """psycopg's: rows in by COPY."""

    def copy(self, statement: Any) -> Any: ...


class ViewTransaction:
    """A cursor inside one transaction of the view store."""

    def __init__(self, cursor: DriverCursor, *, placeholder: str) -> None:
        self.cursor = cursor
        self._placeholder = placeholder

    def _sql(self, statement: str) -> str:
        return statement if self._placeholder == "%s" else statement.replace("%s", "?")

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self._sql(statement), tuple(params))

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(row) for row in rows]
        if batch:
            self.cursor.executemany(self._sql(statement), batch)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Add rows that are new (a clash with a unique key fails as an INSERT would): on
        PostgreSQL by COPY, which takes a batch's rows at about twice the rate of one
        INSERT a row (BENCHMARKS.md, the floors); on SQLite by INSERT."""
        batch = [tuple(row) for row in rows]
        if not batch:
            return
        if self._placeholder == "%s":
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cast(CopyingCursor, self.cursor).copy(statement) as copy:
                for row in batch:
                    copy.write_row(row)
            return
        marks = ", ".join("?" for _ in columns)
        self.cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch
        )

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(self._sql(statement), tuple(params))
        return [_as_tuple(row) for row in self.cursor.fetchall()]

    def columns(self, table: str) -> set[str]:
        """The columns a table has now (the one question whose SQL differs by store)."""
        if self._placeholder == "?":
            found = self.rows("SELECT name FROM pragma_table_info(%s)", (table,))
        else:
            found = self.rows(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s",
                (table,),
            )
        return {str(name) for (name,) in found}


class _NoCursor:
    def execute(self, _statement: Any, _params: Any = ()) -> Any:
        raise TypeError("staged writes have no cursor")

    def executemany(self, _statement: Any, _params: Any) -> Any:
        raise TypeError("staged writes have no cursor")

    def fetchall(self) -> Any:
        raise TypeError("staged writes have no cursor")


class StagedWrites(ViewTransaction):
    """A batch's writes, recorded while the views work them out and sent afterwards in
    one short transaction (`send`): the transaction is open only while rows travel, never
    while Python computes them. A server ends a connection left idle in a transaction
    (the library sets 5 s); a city's batch of a day's events takes longer than that to
    compute. A view reads nothing while it writes a batch (`load` gave it its rows)."""

    def __init__(self) -> None:
        super().__init__(_NoCursor(), placeholder="%s")
        self.sends: list[Callable[[ViewTransaction], None]] = []  # in the order written

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        values = tuple(params)
        self.sends.append(lambda tx: tx.execute(statement, values))

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(row) for row in rows]
        if batch:
            self.sends.append(lambda tx: tx.executemany(statement, batch))

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(row) for row in rows]
        if batch:
            self.sends.append(lambda tx: tx.insert(table, columns, batch))

    def rows(self, statement: str, _params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise TypeError(f"a view reads nothing while it writes a batch: {statement[:60]}")

    def columns(self, table: str) -> set[str]:
        raise TypeError(f"a view reads nothing while it writes a batch: columns of {table}")

    def send(self, tx: ViewTransaction) -> None:
        """Run every recorded statement in `tx`, in the order recorded."""
        for send in self.sends:
            send(tx)


def _as_tuple(row: Any) -> tuple[Any, ...]:
    if isinstance(row, dict):  # psycopg's dict rows, as the library configures them
        return tuple(row.values())
    return tuple(row)
