"""How a request reads the views (issue 6 points 1 and 4): the checkpoint it reads at,
resolved once per request, and the DataLoaders that batch nested reads.

Every view answer says the checkpoint it was read at (`asOf { position }`). The `asOf`
argument is resolved once per request, however many fields name it, and every read of
the request uses that one checkpoint, so a ranking and its rows' ledgers agree even
while the projections commit between the two reads. A page after the first is read at
its cursor's checkpoint.

Reads wait on the database in worker threads; the event loop keeps serving. Loaders
live as long as the request's context: one per (year, checkpoint), so the ledgers of a
page of a ranking are one read whatever the number of rows, and their lines another,
made only when a client asks for lines.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, TypeVar
from uuid import UUID

import strawberry
from anyio import to_thread
from strawberry.dataloader import DataLoader
from strawberry.relay import Connection

from api.errors import camel
from api.pagination import check_first, connection, view_key_after
from application.app import AssessmentApplication
from application.views import Checkpoint
from domain import errors
from projections.audit_trail import AuditEntry
from projections.ledger import LedgerLine, UnitResultRow
from projections.versioned import RowScope

T = TypeVar("T")
N = TypeVar("N")


@strawberry.input(description="Read a view as it stood at a past point: a moment or a position.")
class AsOfInput:
    at: datetime | None = strawberry.field(
        default=None,
        description=(
            "A moment with its zone (`2025-06-30T18:00:00+08:00`): the views as an office "
            "reading them then saw them (the last checkpoint all of whose events were "
            "recorded by then)."
        ),
    )
    position: int | None = strawberry.field(
        default=None,
        description="A log position: the views at the last checkpoint at or before it.",
    )


AsOfArgument = Annotated[
    AsOfInput | None, strawberry.argument(description="Read as of a past point; now if null.")
]


@strawberry.type(name="Checkpoint", description="The point of the log a view was read at.")
class CheckpointType:
    position: int = strawberry.field(
        description=(
            "The log position of the checkpoint (0: nothing projected yet). Ask again with "
            "`asOf: {position: …}` to read exactly the same."
        )
    )


@strawberry.type(description="A page of a view's rows, and the checkpoint they were read at.")
class ViewConnection(Connection[N]):
    as_of: CheckpointType = strawberry.field(description="The checkpoint the rows were read at.")


def view_page(kind: type[Any], page: Connection[Any], at: Checkpoint) -> Any:
    """A connection of `page`'s edges as the view connection type `kind`."""
    return kind(
        edges=page.edges, page_info=page.page_info, as_of=CheckpointType(position=at.position)
    )


class ViewReads:
    """One request's reads of the views."""

    def __init__(
        self, application: AssessmentApplication, *, latest: Checkpoint | None = None
    ) -> None:
        """`latest`: the views' latest checkpoint, when the request has read it already."""
        self.app = application
        self._checkpoints: dict[tuple[datetime | None, int | None], asyncio.Future[Checkpoint]] = {}
        if latest is not None:
            known: asyncio.Future[Checkpoint] = asyncio.get_running_loop().create_future()
            known.set_result(latest)
            self._checkpoints[(None, None)] = known
        self._ledgers: dict[tuple[int, Checkpoint], DataLoader[str, UnitResultRow | None]] = {}
        self._lines: dict[tuple[int, Checkpoint], DataLoader[str, tuple[LedgerLine, ...]]] = {}
        self._histories: dict[tuple[int, UUID | None], DataLoader[str, list[AuditEntry]]] = {}
        # Every versioned row the request read at the latest checkpoint, while each read
        # names its rows; None once one does not, or a past checkpoint was asked for.
        self.rows_read: list[RowScope] | None = []

    async def run(
        self, read: Callable[..., T], /, rows_read: RowScope | None = None, **arguments: Any
    ) -> T:
        """`read(**arguments)` in a worker thread (it waits on the database); `rows_read`:
        the versioned rows it reads at the request's latest checkpoint, if it names them."""
        if rows_read is None:
            self.rows_read = None
        elif self.rows_read is not None:
            self.rows_read.append(rows_read)
        return await self._run(read, **arguments)

    async def _run(self, read: Callable[..., T], /, **arguments: Any) -> T:
        try:
            return await to_thread.run_sync(functools.partial(read, **arguments))
        except errors.DomainError as error:
            error.field = _argument_path(error.field)
            raise

    async def checkpoint(self, as_of: AsOfInput | None, *, pinned: int | None = None) -> Checkpoint:
        """The checkpoint to read at: `as_of`'s, or the latest; `pinned` (a cursor's
        checkpoint) when given, which `as_of`, if given too, must resolve to."""
        if as_of is not None or pinned is not None:
            self.rows_read = None  # read at a past checkpoint: it names no latest rows
        if pinned is None:
            return await self._resolve(as_of)
        if as_of is not None and (await self._resolve(as_of)).position != pinned:
            raise errors.InvalidInput(
                f"this cursor is of checkpoint {pinned}, not of the asOf given", field="after"
            )
        latest = await self._resolve(None)
        if pinned > latest.position:
            raise errors.InvalidInput("this cursor is of no checkpoint yet", field="after")
        return Checkpoint(pinned, latest=pinned == latest.position)

    def _resolve(self, as_of: AsOfInput | None) -> asyncio.Future[Checkpoint]:
        key = (as_of.at, as_of.position) if as_of else (None, None)
        if key not in self._checkpoints:
            at, position = key
            self._checkpoints[key] = asyncio.ensure_future(
                self._run(self.app.checkpoint, at=at, position=position)
            )
        return self._checkpoints[key]

    async def numbered(
        self,
        read: Callable[..., Sequence[T]],
        *,
        kind: str,
        node: Callable[[T], N],
        as_of: AsOfInput | None,
        first: int,
        after: str | None,
        **arguments: Any,
    ) -> tuple[Connection[N], Checkpoint]:
        """A view list read whole at one checkpoint (`read(**arguments, as_of=…)`) and
        paged by each row's place in it: at the cursor's checkpoint places do not move."""
        check_first(first)
        start = view_key_after(kind, after)
        at = await self.checkpoint(as_of, pinned=start[0] if start else None)
        rows = list(enumerate(await self.run(read, **arguments, as_of=at), 1))
        page = connection(
            rows, kind=kind, key=lambda row: row[0], node=lambda row: node(row[1]),
            first=first, after=after, checkpoint=at.position,
        )  # fmt: skip
        return page, at

    def ledgers(self, year: int, at: Checkpoint) -> DataLoader[str, UnitResultRow | None]:
        """Units' results by unit id (text) at `at`, one read per batch of loads."""
        key = (year, at)
        if key not in self._ledgers:

            async def load(unit_ids: list[str]) -> list[UnitResultRow | None]:
                ids = [UUID(unit) for unit in unit_ids]
                rows = self.app.result_rows(year=year, unit_ids=ids)
                found = await self.run(
                    self.app.unit_results, rows_read=rows, year=year, unit_ids=ids, as_of=at
                )
                return [found.get(unit) for unit in unit_ids]

            self._ledgers[key] = DataLoader(load_fn=load)
        return self._ledgers[key]

    def lines(self, year: int, at: Checkpoint) -> DataLoader[str, tuple[LedgerLine, ...]]:
        """Units' ledger lines by unit id at `at`, one read per batch, asked for only
        when a client selects them."""
        key = (year, at)
        if key not in self._lines:

            async def load(unit_ids: list[str]) -> list[tuple[LedgerLine, ...]]:
                ids = [UUID(unit) for unit in unit_ids]
                rows = self.app.line_rows(year=year, unit_ids=ids)
                found = await self.run(
                    self.app.ledger_lines, rows_read=rows, year=year, unit_ids=ids, as_of=at
                )
                return [found.get(unit, ()) for unit in unit_ids]

            self._lines[key] = DataLoader(load_fn=load)
        return self._lines[key]

    def histories(self, first: int, unit_id: UUID | None) -> DataLoader[str, list[AuditEntry]]:
        """Targets' first `first` audit entries by target id, one read per batch;
        only those about `unit_id` when given."""
        key = (first, unit_id)
        if key not in self._histories:

            async def load(target_ids: list[str]) -> list[list[AuditEntry]]:
                found = await self.run(
                    self.app.audit_trails,
                    subject="target_id",
                    values=target_ids,
                    first=first,
                    unit_id=unit_id,
                )
                return [found.get(target, []) for target in target_ids]

            self._histories[key] = DataLoader(load_fn=load)
        return self._histories[key]


def _argument_path(field: str | None) -> str | None:
    """The application's argument names as the client's (`as_of.at` → `asOf.at`)."""
    if field is None or field == "authorization":
        return field
    return ".".join(camel(part) for part in field.split("."))
