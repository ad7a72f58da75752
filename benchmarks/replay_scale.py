"""A big year from copies of a generated one, written straight into a fresh events table.

Copy k of every row gets each UUID in it (ids, and ids inside the state) mapped to
uuid5(original, k); the year and the rulebook record stay one. The year's own events are
written once, except its enrolments, which are written per copy so the year's roster holds
every copy's units. Rows go out in the original log order, copy after copy per row, so
each copy's history keeps its order and its relation to the year's closing of months.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from uuid import UUID, uuid5

import orjson
import psycopg
from eventsourcing.utils import get_topic
from psycopg import sql

from domain.rulebook.aggregate import RulebookRecord
from domain.unit import Unit
from domain.year import AssessmentYear

UUID_TEXT = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ENROLLED = get_topic(AssessmentYear.UnitEnrolled)
REGISTERED = get_topic(Unit.Registered)
PUBLISHED = get_topic(RulebookRecord.Published)
Row = tuple[UUID, int, str, bytes]


class Copier:
    def __init__(self, year_id: UUID, copy: int) -> None:
        self.copy = copy
        self._keep = {str(year_id).encode()}
        self._ids: dict[bytes, bytes] = {}

    def uuid(self, original: UUID) -> UUID:
        return UUID(self._text(str(original).encode()).decode())

    def state(self, topic: str, state: bytes) -> bytes:
        state = UUID_TEXT.sub(lambda m: self._text(m.group(0)), state)
        if topic == REGISTERED:
            fields = orjson.loads(state)
            fields["code"] = f"{fields['code']}-{self.copy}"
            state = orjson.dumps(fields)
        return state

    def _text(self, original: bytes) -> bytes:
        if self.copy == 0 or original in self._keep:
            return original
        found = self._ids.get(original)
        if found is None:
            found = self._ids[original] = str(
                uuid5(UUID(original.decode()), str(self.copy))
            ).encode()
        return found


def scaled_rows(rows: list[Row], year_id: UUID, copies: int) -> Iterator[Row]:
    copiers = [Copier(year_id, k) for k in range(copies)]
    year_version = 0
    for originator_id, version, topic, state in rows:
        if topic == PUBLISHED:
            yield originator_id, version, topic, state
            continue
        if originator_id == year_id and topic != ENROLLED:
            year_version += 1
            yield originator_id, year_version, topic, state
            continue
        for copier in copiers:
            if originator_id == year_id:
                year_version += 1
                yield originator_id, year_version, topic, copier.state(topic, state)
            else:
                yield copier.uuid(originator_id), version, topic, copier.state(topic, state)


def read_rows(url: str, table: str = "assessment_events") -> list[Row]:
    with psycopg.connect(url) as conn:
        query = sql.SQL(
            "SELECT originator_id, originator_version, topic, state FROM {} "
            "ORDER BY notification_id"
        ).format(sql.Identifier(table))
        return [(r[0], r[1], r[2], bytes(r[3])) for r in conn.execute(query)]


def write_rows(url: str, rows: Iterator[Row], table: str = "assessment_events") -> int:
    copy = sql.SQL("COPY {} (originator_id, originator_version, topic, state) FROM STDIN").format(
        sql.Identifier(table)
    )
    count = 0
    with psycopg.connect(url) as conn, conn.cursor() as cursor, cursor.copy(copy) as out:
        for row in rows:
            out.write_row(row)
            count += 1
    return count
