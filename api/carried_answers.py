"""View answers carried forward to a later checkpoint while the rows they read stand
still (issue 6 point 9).

An answer kept by the checkpoint it was read at (api/response_cache.py) is of no use
once the projections commit again, though most commits touch few rows: a month's
reports from one town change that town's ledger and its category's ranking, not the
other 149 units' ledgers nor the other categories. So with each kept answer whose
reads all named their rows (`ViewReads.rows_read`: a category's ranking for a period, some
units' results, their lines) its question keeps the checkpoint it was read at and
those rows. Asked again at a later latest checkpoint, one statement
(`rows_unchanged`, projections/versioned.py) asks whether any version of those rows
was written or closed between the two checkpoints. If none was, reading them at the
later checkpoint reads exactly what was read, and the answer is the kept one
relabelled: `asOf { position }` and each view cursor name the later checkpoint, so
the bytes are those a fresh answer there would be (the cursors pin later pages to it,
where the rows are the same). If any was, GraphQL answers afresh.

A question's standing answer is kept among the kept answers (api/kept_answers.py), so
it counts against their bounds (1024 answers, 64 MiB).

Never carried: an answer whose document asks a field under an alias or passes `after`
or `asOf` anywhere (`_carriable`), or one any of whose reads named no rows (a check of
the rulebook, a read at a past checkpoint).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import orjson
from starlette.types import Message

from api.pagination import cursor_moved
from projections.versioned import RowScope

CURSORS = frozenset({"cursor", "startCursor", "endCursor"})


@dataclass(frozen=True)
class SentAnswer:
    """An answer as GraphQL sent it."""

    start: Message  # http.response.start: status and headers as sent
    body: bytes
    graphql: dict[str, Any]  # what OperationRecorder told the telemetry


@dataclass(frozen=True)
class StandingAnswer:
    """A question's last answer, the checkpoint it was read at and the rows it read."""

    position: int
    rows: tuple[RowScope, ...]
    answer: SentAnswer


def relabelled(answer: SentAnswer, since: int, upto: int) -> SentAnswer:
    """`answer`, read at checkpoint `since`, as read at `upto`: its rows being the same
    there, only the checkpoint it names changes. Encoded as strawberry encodes (compact
    JSON, ASCII), so the bytes are a fresh answer's."""
    data = _moved(orjson.loads(answer.body), since, upto)
    body = json.dumps(data, separators=(",", ":")).encode()
    headers = [
        (name, str(len(body)).encode() if name.lower() == b"content-length" else value)
        for name, value in answer.start["headers"]
    ]
    return replace(answer, start={**answer.start, "headers": headers}, body=body)


def _moved(value: Any, since: int, upto: int) -> Any:
    if isinstance(value, list):
        return [_moved(item, since, upto) for item in value]
    if not isinstance(value, dict):
        return value
    moved: dict[str, Any] = {}
    for name, item in value.items():
        if name == "asOf" and isinstance(item, dict) and item.get("position") == since:
            moved[name] = {**item, "position": upto}
        elif name in CURSORS and isinstance(item, str):
            moved[name] = cursor_moved(item, since, upto)
        else:
            moved[name] = _moved(item, since, upto)
    return moved
