"""Historic years (issue 9 point 3): a past year brought in from JSON lines, one fact per
line in the events' vocabulary, through the application's own commands — so every rule
a command checks holds for an imported year as for a recorded one.

All or nothing: the whole file first runs against a scratch store (in memory, holding a
copy of the real store's units), every bad line is reported with its line number and
field, and only a file without one is then written, its commands' events a batch at a
time (application/batching.py). The same seeded ids and the recorded times of the lines
make both runs identical. The format is in docs/history-import.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from application.app import AssessmentApplication
from domain.actors import Actor
from domain.errors import DomainError
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.imports.facts import FACTS, arguments_of
from infrastructure.settings import Settings

Progress = Callable[[int, int], None]


class FactLine(BaseModel):
    """One line of the file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact: str
    at: AwareDatetime
    by: dict[str, Any]  # an Actor; its unit_id may be an earlier line's "@label"
    reason: str | None = None
    data: dict[str, Any] = {}
    label: str | None = None  # the command's result (an id), for later lines as "@label"


@dataclass(frozen=True)
class BadLine:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    lines: int
    bad: tuple[BadLine, ...]
    events: int

    @property
    def stored(self) -> bool:
        return not self.bad


def read_lines(text: Iterable[str]) -> tuple[list[tuple[int, FactLine]], list[BadLine]]:
    parsed, bad = [], []
    for number, raw in enumerate(text, 1):
        if not raw.strip():
            continue
        try:
            parsed.append((number, FactLine.model_validate(orjson.loads(raw))))
        except orjson.JSONDecodeError as exc:
            bad.append(BadLine(number, "line", f"not JSON: {exc}"))
        except ValidationError as exc:
            bad.extend(_pydantic(number, "", exc))
    return parsed, bad


def import_history(
    target: AssessmentApplication,
    settings: Settings,
    lines: list[tuple[int, FactLine]],
    *,
    batch: int = 2000,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Check every line on a scratch store, then write them all, or nothing."""
    seed = _seed(lines)
    with _scratch(target, seed) as scratch:
        bad = list(_apply(scratch, lines, on_progress, total=2 * len(lines)))
    if bad:
        return ImportReport(len(lines), tuple(bad), 0)
    before = target.recorder.max_notification_id() or 0
    writer = build_application(settings, clock=ManualClock(lines[0][1].at), ids=SeededIds(seed))
    try:
        with writer.batched_saves(batch):
            failed = list(_apply(writer, lines, on_progress, total=2 * len(lines), done=len(lines)))
        if failed:  # the store changed between the check and the write
            raise RuntimeError(f"the store changed while importing: {failed[0]}")
        events = (writer.recorder.max_notification_id() or 0) - before
    finally:
        writer.close()
    return ImportReport(len(lines), (), events)


def _apply(
    app: AssessmentApplication,
    lines: list[tuple[int, FactLine]],
    on_progress: Progress | None,
    *,
    total: int,
    done: int = 0,
) -> Iterator[BadLine]:
    labels: dict[str, Any] = {}
    clock = app.clock
    assert isinstance(clock, ManualClock)
    for index, (number, line) in enumerate(lines, 1):
        clock.set(line.at)
        try:
            result = _run(app, line, labels)
        except DomainError as exc:
            yield BadLine(number, f"data.{exc.field}" if exc.field else "fact", exc.message)
        except ValidationError as exc:
            yield from _pydantic(number, "data.", exc)
        except (LookupError, TypeError) as exc:  # an unknown fact or label, a missing argument
            yield BadLine(number, "data", str(exc).replace("ImportCommands.", ""))
        else:
            if line.label:
                labels[line.label] = result
        if on_progress and (index % 500 == 0 or index == len(lines)):
            on_progress(done + index, total)


def _run(app: AssessmentApplication, line: FactLine, labels: dict[str, Any]) -> Any:
    if line.fact not in FACTS:
        raise LookupError(f"unknown fact {line.fact!r}; known: {', '.join(sorted(FACTS))}")
    command, fixed = FACTS[line.fact]
    data = {**_resolved(line.data, labels, app.jurisdiction, line), **fixed}
    if line.reason is not None:
        data.setdefault("reason", line.reason)
    try:
        actor = Actor.model_validate(_resolved(line.by, labels, app.jurisdiction, line))
    except ValidationError as exc:
        raise LookupError(f"by: {exc.errors()[0]['msg']}") from None
    method = getattr(app, command)
    return method(**arguments_of(method, data), by=actor)


def _resolved(value: Any, labels: dict[str, Any], jurisdiction: str, line: FactLine) -> Any:
    """ "@label" becomes the id an earlier line's command returned."""
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in labels:
            raise LookupError(f"{value} names no earlier line's label")
        return str(labels[value[1:]])
    if isinstance(value, dict):
        return {k: _resolved(v, labels, jurisdiction, line) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolved(v, labels, jurisdiction, line) for v in value]
    return value


def _pydantic(number: int, prefix: str, exc: ValidationError) -> list[BadLine]:
    return [
        BadLine(number, prefix + ".".join(str(part) for part in error["loc"]), error["msg"])
        for error in exc.errors()
    ]


def _seed(lines: list[tuple[int, FactLine]]) -> int:
    digest = hashlib.sha256()
    for number, line in lines:
        digest.update(f"{number}:{line.model_dump_json()}".encode())
    return int.from_bytes(digest.digest()[:8], "big")


@contextmanager
def _scratch(target: AssessmentApplication, seed: int) -> Iterator[AssessmentApplication]:
    """An in-memory store holding the real store's log as it is now (the units and years
    a historic year may refer to), for the check run."""
    scratch = build_application(
        Settings("sqlite:///:memory:", jurisdiction=target.jurisdiction),
        clock=ManualClock(datetime.now().astimezone()),
        ids=SeededIds(seed),
    )
    try:
        start = 1
        while page := target.recorder.select_notifications(start=start, limit=5000):
            scratch.recorder.insert_events(list(page))
            start = page[-1].id + 1
        yield scratch
    finally:
        scratch.close()
