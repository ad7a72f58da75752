"""A year's events straight from the PostgreSQL events table, for replay.

One ordered pass over the table through a server-side cursor in large batches (binary
protocol, so `bytea` arrives without hex decoding); rows of other years are skipped
before their JSON is parsed, and only first events are parsed to decide membership.
A reader thread fetches the next batches while this one decodes: psycopg waits for the
server without the GIL, so the server's work overlaps the decoding on a second core.

For scoring, `year_facts` goes further: each row goes straight into the engine's fold
(`rows.fold_rows`), no event built, and rows of topics the engine does not read are
skipped unparsed.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.postgres import PostgresDatastore
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Composed, Identifier

from application.year_events import YearScope
from domain.events import DomainEvent
from domain.scoring.facts import YearFacts
from domain.scoring.fold import Folder
from infrastructure.replay.decoding import EventDecoder
from infrastructure.replay.rows import fold_rows

# Rows per round trip: large enough that latency vanishes, small enough to stay a few MB.
BATCH = 20_000
# Batches fetched ahead of the decoder: enough to cover a slow round trip.
AHEAD = 3
Batch = list[tuple[Any, ...]]


def select_all_events(schema: str, table: str, *, id_as_text: bool = False) -> Composed:
    return SQL(
        "SELECT originator_id{}, originator_version, topic, state FROM {}.{} "
        "ORDER BY notification_id"
    ).format(SQL("::text" if id_as_text else ""), Identifier(schema), Identifier(table))


def select_all_event_json(schema: str, table: str) -> Composed:
    """Each event's whole JSON, envelope spliced in by the server (on its own core) after
    the state's opening brace, with the id as text: Python then only validates it."""
    return SQL(
        "SELECT originator_id::text, originator_version, topic, "
        'convert_to(\'{{"originator_id":"\' || originator_id::text '
        "|| '\",\"originator_version\":' || originator_version::text || ',' "
        "|| substring(convert_from(state, 'UTF8') from 2), 'UTF8') "
        "FROM {}.{} ORDER BY notification_id"
    ).format(Identifier(schema), Identifier(table))


class PostgresYearEventSource:
    def __init__(self, datastore: PostgresDatastore, events_table: str, batch: int = BATCH):
        self._datastore = datastore
        self._rows = select_all_events(datastore.schema, events_table)
        self._events = select_all_event_json(datastore.schema, events_table)
        # Every row, ids as text: the fold skips the topics it does not read (filtering
        # them on the server, `topic = ANY(…)`, cost the server more than it saved).
        self.text_id_rows = select_all_events(datastore.schema, events_table, id_as_text=True)
        self._batch = batch

    def rows(self, query: Composed | None = None) -> Iterator[Batch]:
        """Every stored row in log order, in batches (the benchmark's raw floor), or the
        rows of another query over the whole table."""
        with self._datastore.get_connection() as conn, conn.transaction():
            # The library limits idle time in a transaction; a slow consumer between two
            # fetches is not idle in that sense.
            conn.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            cursor = conn.cursor(name="replay_year", binary=True, row_factory=tuple_row)
            with cursor:
                cursor.itersize = self._batch
                cursor.execute(query or self._rows)
                while batch := cursor.fetchmany(self._batch):
                    yield batch

    def rows_ahead(self, query: Composed) -> Iterator[Batch]:
        """`rows(query)`, fetched by a reader thread up to AHEAD batches in advance."""
        batches: queue.Queue[Batch | BaseException | None] = queue.Queue(maxsize=AHEAD)
        stop = threading.Event()

        def read() -> None:
            try:
                for batch in self.rows(query):
                    if stop.is_set():
                        return
                    batches.put(batch)
                batches.put(None)
            except BaseException as exc:  # handed to the consumer, which raises it
                batches.put(exc)

        reader = threading.Thread(target=read, name="replay-reader", daemon=True)
        reader.start()
        try:
            while (item := batches.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            while reader.is_alive():  # unblock a reader waiting on a full queue
                with contextlib.suppress(queue.Empty):
                    batches.get(timeout=0.1)

    def year_events(self, *, year_id: UUID, jurisdiction: str) -> Iterator[DomainEvent]:
        scope = YearScope(year_id=str(year_id), jurisdiction=jurisdiction)
        members, decoder = scope.members, EventDecoder()
        for batch in self.rows_ahead(self._events):
            for originator_id, version, topic, event_json in batch:
                if originator_id in members or (
                    version == 1
                    and scope.kind_of(topic) != "none"
                    and scope.admits(originator_id, version, topic, orjson.loads(event_json))
                ):
                    yield decoder.decode_json(topic, event_json)

    def year_facts(self, *, year_id: UUID, year: int) -> YearFacts:
        """The year's facts for the scoring engine, folded from the stored rows (ids as
        text). Units of every jurisdiction are folded; only the year's roster is scored."""
        folder = Folder(year, year_id=str(year_id))
        for batch in self.rows_ahead(self.text_id_rows):
            fold_rows(folder, batch)
        return folder.opened_facts()
