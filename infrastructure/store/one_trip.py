"""A command's events (and idempotency record) stored by one statement, in one round trip.

The library writes a command's events in a psycopg pipeline: BEGIN, SET LOCAL
lock_timeout, LOCK TABLE … IN EXCLUSIVE MODE, NOTIFY, INSERT … FROM unnest(…), a sync,
then COMMIT. Measured in benchmarks/write_path.py, that pipeline alone cost more
client CPU than a whole raw insert-and-commit, and two round trips. Here the same
statements, in the same order, run inside one PL/pgSQL function called in autocommit
mode, so they form one implicit transaction that commits (durably, as configured)
before the call returns: the table lock still serializes writers so notification ids
commit in order, listeners are still notified, a duplicate (originator_id, version) or
idempotency key still raises IntegrityError, and nothing is stored when anything fails.
In the same transaction it extends the hash chain (chain_postgres.py): one indexed
look-up of the last hash, one sha256 per event and one insert.
Under the same lock it refuses, also as an IntegrityError, a command whose reads are
stale (application/reads.py): a cached aggregate it read has newer events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from application.ports import IdempotencyRecord
from application.reads import ReadVersion
from domain.integrity.chain import GENESIS
from infrastructure.store import binary_wire as wire
from infrastructure.store import chain_postgres as chain
from infrastructure.store.prepared_call import PreparedCall

_CREATE_FUNCTION = """CREATE OR REPLACE FUNCTION {schema}.{function}(
    ids uuid[], versions bigint[], topics text[], states bytea[],
    p_key text, p_request_hash text, p_result bytea, read_ids uuid[], read_versions bigint[])
RETURNS SETOF bigint LANGUAGE plpgsql
-- The application role may hold EXECUTE only (roles.py): the function writes as its owner.
-- Settings held for the call alone: the lock's timeout, and the mark the events table's
-- insert guard looks for (chain_postgres.py) — set here, not by statements in the body,
-- which each cost a round through the executor on every command.
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
SET lock_timeout = '{lock_timeout}s' SET {mark} = 'on' AS $BODY$
DECLARE
    n bigint;
    k integer := 0;
    canonical bytea;
    stored bigint[];
    chained bytea[];
    head bytea;
    stale_id uuid;
    stale_version bigint;
BEGIN
    IF p_key IS NOT NULL THEN
        INSERT INTO {schema}.{idempotency} (key, request_hash, result)
        VALUES (p_key, p_request_hash, p_result);
    END IF;
    IF cardinality(ids) > 0 THEN
        LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE;
        -- Under the lock no other writer can commit, and this statement sees every
        -- earlier commit: a version read by the command that is no longer the latest
        -- means it decided on stale state (application/reads.py).
        -- One primary-key probe per aggregate read (LATERAL: a join over unnest() was
        -- planned as a scan of the whole table).
        SELECT r.id, r.version INTO stale_id, stale_version
        FROM unnest(read_ids, read_versions) AS r(id, version)
        CROSS JOIN LATERAL (
            SELECT 1 FROM {schema}.{table} AS e
            WHERE e.originator_id = r.id AND e.originator_version > r.version LIMIT 1
        ) AS newer
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                MESSAGE = format('stale read: aggregate %s has events after version %s',
                                 stale_id, stale_version);
        END IF;
        NOTIFY {channel};
        -- The hash chain (domain/integrity/chain.py), in notification id order: under
        -- the lock the last stored hash is the latest link, and the ids this insert
        -- takes (in the order it returns them) are the next ones.
        SELECT h.hash INTO head FROM {schema}.{hashes} h
        ORDER BY h.notification_id DESC LIMIT 1;
        head := coalesce(head, '\\x{genesis}'::bytea);
        FOR n, canonical IN
            INSERT INTO {schema}.{table} AS t (originator_id, originator_version, topic, state)
            SELECT * FROM unnest(ids, versions, topics, states)
            RETURNING t.notification_id, {canonical}
        LOOP
            IF k > 0 AND n <= stored[k] THEN  -- never: one insert numbers its rows in order
                RAISE EXCEPTION 'notification ids returned out of order';
            END IF;
            head := sha256(head || sha256('\\x00'::bytea || canonical));
            k := k + 1;
            stored[k] := n;
            chained[k] := head;
            RETURN NEXT n;
        END LOOP;
        INSERT INTO {schema}.{hashes} (notification_id, hash)
        SELECT * FROM unnest(stored, chained);
    END IF;
END;
$BODY$"""


_ARGUMENTS = "uuid[], bigint[], text[], bytea[], text, text, bytea, uuid[], bigint[]"
_EARLIER_ARGUMENTS = (
    "{event_type}[], text, text, bytea",
    "{event_type}[], text, text, bytea, uuid[], bigint[]",
)


class OneTripRecorder(PostgresApplicationRecorder):
    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        events_table_name: str,
        idempotency_table_name: str,
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        # The library's own insert function writes unchained events: it is not created,
        # and dropped where an earlier version created it.
        del self.sql_create_statements[self.create_insert_function_statement_index]
        self.sql_create_statements.append(
            SQL("DROP FUNCTION IF EXISTS {}.{}({}.{}[])").format(
                Identifier(datastore.schema),
                Identifier(self.pg_function_name_insert_events),
                Identifier(datastore.schema),
                Identifier(self.stored_event_type_name),
            )
        )
        self.sql_create_statements += chain.create_statements(datastore.schema, events_table_name)
        function = f"{events_table_name}_store"
        self.check_identifier_length(function)
        schema = Identifier(datastore.schema)
        # Earlier versions of the store function took other arguments: an overload left
        # behind makes the name ambiguous for the statements below.
        for arguments in _EARLIER_ARGUMENTS:
            self.sql_create_statements.append(
                SQL("DROP FUNCTION IF EXISTS {}.{}(" + arguments + ")").format(
                    schema,
                    Identifier(function),
                    event_type=SQL("{}.{}").format(schema, Identifier(self.stored_event_type_name)),
                )
            )
        self.sql_create_statements.append(
            SQL(_CREATE_FUNCTION).format(
                schema=schema,
                function=Identifier(function),
                idempotency=Identifier(idempotency_table_name),
                lock_timeout=datastore.lock_timeout,
                table=Identifier(events_table_name),
                channel=Identifier(self.channel_name),
                hashes=Identifier(chain.chain_table(events_table_name)),
                mark=SQL(chain.CHAINED_INSERT),
                canonical=SQL(chain.canonical_bytes("t")),
                genesis=SQL(GENESIS.hex()),
            )
        )
        self.sql_create_statements.append(
            SQL("REVOKE ALL ON FUNCTION {}.{}(" + _ARGUMENTS + ") FROM PUBLIC").format(
                schema, Identifier(function)
            )
        )
        statement = SQL("SELECT * FROM {}.{}($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        self._store_call = PreparedCall(
            f"dukao_{function}", statement.format(schema, Identifier(function)).as_string(), 9
        )

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        params = _store_parameters(stored_events, kwargs)
        with self.datastore.get_connection() as conn:
            assert conn.autocommit  # the call is its own transaction
            rows = self._store_call.rows(conn, params)
        ids = [wire.bigint(cast(bytes, row[0])) for row in rows]
        return ids if stored_events else None


def _store_parameters(
    stored_events: Sequence[StoredEvent], options: dict[str, Any]
) -> list[bytes | None]:
    record: IdempotencyRecord | None = options.get("idempotency")
    read_set: Sequence[ReadVersion] = options.get("read_set", ())
    return [
        wire.uuid_array([e.originator_id for e in stored_events]),
        wire.bigint_array([e.originator_version for e in stored_events]),
        wire.text_array([e.topic for e in stored_events]),
        wire.bytea_array([e.state for e in stored_events]),
        wire.text(record.key if record else None),
        wire.text(record.request_hash if record else None),
        record.result if record else None,
        wire.uuid_array([r.aggregate_id for r in read_set]),
        wire.bigint_array([r.version for r in read_set]),
    ]
