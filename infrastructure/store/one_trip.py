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
Under the same lock it refuses, also as an IntegrityError, a command whose reads are
stale (application/reads.py): a cached aggregate it read has newer events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from application.ports import IdempotencyRecord
from application.reads import ReadVersion

_CREATE_FUNCTION = """CREATE OR REPLACE FUNCTION {schema}.{function}(
    events {schema}.{event_type}[], p_key text, p_request_hash text, p_result bytea,
    read_ids uuid[], read_versions bigint[])
RETURNS SETOF bigint LANGUAGE plpgsql AS $BODY$
BEGIN
    IF p_key IS NOT NULL THEN
        INSERT INTO {schema}.{idempotency} (key, request_hash, result)
        VALUES (p_key, p_request_hash, p_result);
    END IF;
    IF cardinality(events) > 0 THEN
        SET LOCAL lock_timeout = '{lock_timeout}s';
        LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE;
        -- Under the lock no other writer can commit, and this statement sees every
        -- earlier commit: a version read by the command that is no longer the latest
        -- means it decided on stale state (application/reads.py).
        FOR i IN 1 .. coalesce(cardinality(read_ids), 0) LOOP
            -- One primary-key probe each: a join over unnest() was planned as a scan.
            PERFORM 1 FROM {schema}.{table}
            WHERE originator_id = read_ids[i] AND originator_version > read_versions[i]
            LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation',
                    MESSAGE = format('stale read: aggregate %s has events after version %s',
                                     read_ids[i], read_versions[i]);
            END IF;
        END LOOP;
        NOTIFY {channel};
        RETURN QUERY
        INSERT INTO {schema}.{table} AS t (originator_id, originator_version, topic, state)
        SELECT originator_id, originator_version, topic, state FROM unnest(events)
        RETURNING notification_id;
    END IF;
END;
$BODY$"""


class OneTripRecorder(PostgresApplicationRecorder):
    def __init__(
        self,
        datastore: PostgresDatastore,
        *,
        events_table_name: str,
        idempotency_table_name: str,
    ) -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        function = f"{events_table_name}_store"
        self.check_identifier_length(function)
        schema = Identifier(datastore.schema)
        self.sql_create_statements.append(
            SQL(_CREATE_FUNCTION).format(
                schema=schema,
                function=Identifier(function),
                event_type=Identifier(self.stored_event_type_name),
                idempotency=Identifier(idempotency_table_name),
                lock_timeout=datastore.lock_timeout,
                table=Identifier(events_table_name),
                channel=Identifier(self.channel_name),
            )
        )
        # Rendered once: composing the statement on every call cost measurable CPU.
        self._store_call = (
            SQL("SELECT * FROM {}.{}(%b, %b, %b, %b, %b, %b)")
            .format(schema, Identifier(function))
            .as_string()
        )
        self._store_column = function

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        record: IdempotencyRecord | None = kwargs.get("idempotency")
        events = [
            self.construct_pg_stored_event(e.originator_id, e.originator_version, e.topic, e.state)
            for e in stored_events
        ]
        key, request_hash, result = (
            (record.key, record.request_hash, record.result) if record else (None, None, None)
        )
        read_set: Sequence[ReadVersion] = kwargs.get("read_set", ())
        read_ids = [r.aggregate_id for r in read_set]
        read_versions = [r.version for r in read_set]
        params = (events, key, request_hash, result, read_ids, read_versions)
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            assert conn.autocommit  # the call is its own transaction
            curs.execute(self._store_call, params, prepare=True)
            ids = [row[self._store_column] for row in curs.fetchall()]
        return ids if stored_events else None
