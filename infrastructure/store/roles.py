"""A dedicated application role on PostgreSQL that can append events only through the
store function and can never change or remove them.

The store's owner creates the tables, the store function and the triggers (the
library does it at start-up); `grant_application_role` then gives the application's
role what it needs to run and nothing more: SELECT on the events, their chain hashes
and the idempotency records, and EXECUTE on the store function, which writes as its
owner (SECURITY DEFINER, one_trip.py). The role holds no INSERT, UPDATE, DELETE or
TRUNCATE on any of them, so beside the triggers (chain_postgres.py) the database's
privileges refuse every change too. Run the application as that role with
`CREATE_TABLE=n` (it may not create anything either).
"""

from __future__ import annotations

import psycopg
from psycopg.sql import SQL, Identifier

from infrastructure.store.chain_postgres import chain_table


def grant_application_role(
    conn: psycopg.Connection[object], *, schema: str, role: str, events_table: str
) -> None:
    """Grant `role` (an existing role) the application's privileges on the store, in
    one transaction, after revoking whatever else it held on its tables."""
    s, who = Identifier(schema), Identifier(role)
    tables = SQL(", ").join(
        SQL("{}.{}").format(s, Identifier(name))
        for name in (events_table, chain_table(events_table), f"{events_table}_idempotency")
    )
    function = SQL("{}.{}").format(s, Identifier(f"{events_table}_store"))
    with conn.transaction():
        conn.execute(SQL("REVOKE ALL ON {} FROM {}").format(tables, who))
        conn.execute(SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, who))
        conn.execute(SQL("GRANT SELECT ON {} TO {}").format(tables, who))
        conn.execute(SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(function, who))
