"""The hash chain's table and the append-only rules on PostgreSQL.

`{events}_hashes` holds one row per stored event, keyed by its notification id: the
chain hash of domain/integrity/chain.py. The store function (one_trip.py) writes it in
the same transaction as the events, under the events table's EXCLUSIVE lock, so the
chain follows notification id order. A side table leaves the library's events table
as the library defines and reads it.

Triggers make both tables append-only for every role that has not disabled them: an
UPDATE, DELETE or TRUNCATE raises, and an INSERT into the events table raises unless
the store function made it (it marks its own insert with a transaction-local setting
and clears the mark right after), so no path of the library or a tool can add an
unchained event by mistake. What a superuser does behind the triggers' back
(`session_replication_role = replica`, `ALTER TABLE … DISABLE TRIGGER`) is what
`dukao verify` detects; a dedicated application role (roles.py) cannot do it at all.
"""

from __future__ import annotations

from psycopg.sql import SQL, Composed, Identifier

CHAINED_INSERT = "dukao.chained_insert"


def canonical_bytes(row: str, *, null_as_empty: bool = False) -> str:
    """The canonical bytes of domain/integrity/chain.py, from the events table's row
    `row`. The store function leaves a NULL topic or state NULL, so the chain's NOT NULL
    refuses it; a reader counts it as empty, so it can only mismatch."""
    topic = f"coalesce({row}.topic, '')" if null_as_empty else f"{row}.topic"
    state = f"coalesce({row}.state, ''::bytea)" if null_as_empty else f"{row}.state"
    return (
        f"int8send({row}.notification_id) || uuid_send({row}.originator_id) "
        f"|| int8send({row}.originator_version) "
        f"|| int4send(octet_length(convert_to({topic}, 'UTF8'))) || convert_to({topic}, 'UTF8') "
        f"|| int4send(octet_length({state})) || {state}"
    )


_GUARD = """CREATE OR REPLACE FUNCTION {schema}.{guard}() RETURNS trigger
LANGUAGE plpgsql AS $BODY$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF current_setting('{mark}', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format(
                '%I.%I: events are appended only through the store function, '
                'which hash-chains them', TG_TABLE_SCHEMA, TG_TABLE_NAME);
        END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format(
        '%I.%I is append-only: %s refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP);
END;
$BODY$"""


def chain_table(events_table: str) -> str:
    return f"{events_table}_hashes"


def guard_function(events_table: str) -> str:
    return f"{events_table}_append_only"


def create_statements(schema: str, events_table: str) -> list[Composed]:
    """The chain table, the guard function and its triggers on both tables."""
    s = Identifier(schema)
    hashes = Identifier(chain_table(events_table))
    guard = Identifier(guard_function(events_table))
    statements = [
        SQL(
            "CREATE TABLE IF NOT EXISTS {}.{} ("
            "notification_id bigint PRIMARY KEY, hash bytea NOT NULL)"
        ).format(s, hashes),
        SQL(_GUARD).format(schema=s, guard=guard, mark=SQL(CHAINED_INSERT)),
    ]
    triggers = [
        (events_table, "insert", "INSERT"),
        (events_table, "change", "UPDATE OR DELETE"),
        (events_table, "truncate", "TRUNCATE"),
        (chain_table(events_table), "change", "UPDATE OR DELETE"),
        (chain_table(events_table), "truncate", "TRUNCATE"),
    ]
    for table, kind, operations in triggers:
        statements.append(
            SQL(
                "CREATE OR REPLACE TRIGGER {} BEFORE {} ON {}.{} "
                "FOR EACH STATEMENT EXECUTE FUNCTION {}.{}()"
            ).format(
                Identifier(f"{table}_{kind}_guard"), SQL(operations), s, Identifier(table), s, guard
            )
        )
    return statements
