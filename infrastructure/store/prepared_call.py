"""One prepared statement executed through libpq directly, with binary parameters.

The store call is the hottest statement of the write path; going through a cursor
(query conversion, parameter adaptation, row factories) cost about as much client CPU
as the raw insert-and-commit floor in total. Here the statement is prepared once per
pooled connection and executed with `PGconn.exec_prepared`, which releases the GIL
while it waits. A failure is raised as the psycopg error of its SQLSTATE, so the
library's connection context maps it as it maps any other (a unique or integrity
violation becomes `eventsourcing.persistence.IntegrityError`).
"""

from __future__ import annotations

from collections.abc import Sequence
from weakref import WeakSet

import psycopg
from psycopg import pq

_OK = (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK)
_STATEMENT_GONE = "26000"  # invalid_sql_statement_name: the server forgot it


class PreparedCall:
    def __init__(self, name: str, statement: str, parameters: int) -> None:
        self._name = name.encode()
        self._statement = statement.encode()
        self._formats = [pq.Format.BINARY] * parameters
        self._prepared_on: WeakSet[psycopg.Connection[object]] = WeakSet()

    def rows(
        self, conn: psycopg.Connection[object], params: Sequence[bytes | None]
    ) -> list[tuple[bytes | None, ...]]:
        """Execute on `conn` (autocommit: the call is its own transaction)."""
        result = self._execute(conn, params)
        if result.error_field(pq.DiagnosticField.SQLSTATE) == _STATEMENT_GONE.encode():
            self._prepared_on.discard(conn)
            result = self._execute(conn, params)
        _raise_for(result)
        return [
            tuple(result.get_value(row, col) for col in range(result.nfields))
            for row in range(result.ntuples)
        ]

    def _execute(
        self, conn: psycopg.Connection[object], params: Sequence[bytes | None]
    ) -> pq.abc.PGresult:
        pgconn = conn.pgconn
        if conn not in self._prepared_on:
            _raise_for(pgconn.prepare(self._name, self._statement))
            self._prepared_on.add(conn)
        return pgconn.exec_prepared(
            self._name, params, param_formats=self._formats, result_format=pq.Format.BINARY
        )


def _raise_for(result: pq.abc.PGresult) -> None:
    if result.status in _OK:
        return
    message = (result.error_message or b"").decode(errors="replace").strip()
    sqlstate = result.error_field(pq.DiagnosticField.SQLSTATE)
    if sqlstate is None:  # no server answer: the connection itself failed
        raise psycopg.OperationalError(message)
    raise psycopg.errors.lookup(sqlstate.decode())(message)
