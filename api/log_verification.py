"""`verifyLog`: the inspector recomputes the hash chain and the Merkle tree of the whole
store, checks every published digest and its signature and the digests it kept outside
the store, and is told the first broken record — `dukao verify` through the API.

Inspectors only (`ReadScope.INSPECTION`, DOMAIN.md §1: integrity verification is the
inspector's): it reads every event of the store. Bounded by running one at a time per
process: a second request waits for the first, so verifications cannot take every core
from the requests being served. It takes what `dukao verify` takes: about 9 s for 1M
events on PostgreSQL (BENCHMARKS.md), a fraction of a second for a tiny year.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import ApiContext
from api.digests import LogDigestInput, digest_of
from api.permissions import QUERY_SCOPES, ReadScope, require_reader
from application.integrity import LogVerification
from domain import errors
from domain.integrity.verification import Problem

_ONE_AT_A_TIME = threading.Lock()
MAX_KEPT = 100


@strawberry.type(name="LogProblem", description="A record that does not verify.")
class LogProblemType:
    notification_id: int = strawberry.field(
        description="The record at fault (for a digest: the last event it covers; 0: kept)."
    )
    code: str = strawberry.field(
        description="HASH_MISMATCH, EVENT_UNCHAINED, EVENT_MISSING, DIGEST_MISMATCH, "
        "DIGEST_BEYOND_LOG or SIGNATURE_INVALID (docs/integrity.md)."
    )
    message: str = strawberry.field(description="What does not hold.")

    @classmethod
    def of(cls, problem: Problem) -> LogProblemType:
        return cls(
            notification_id=problem.notification_id,
            code=str(problem.code),
            message=problem.message,
        )


@strawberry.type(name="LogVerification", description="The whole log, recomputed and checked.")
class LogVerificationType:
    intact: bool = strawberry.field(description="Nothing is broken.")
    events: int = strawberry.field(description="Events read.")
    last_notification_id: int = strawberry.field(description="The last of them.")
    chain_head: str = strawberry.field(description="The chain's head (hex).")
    root: str = strawberry.field(description="The Merkle root of every event (hex).")
    digests_checked: int = strawberry.field(description="Digests checked, published and kept.")
    signatures_checked: int = strawberry.field(description="Signatures checked.")
    first_broken: LogProblemType | None = strawberry.field(
        description="The first broken record, by notification id; null when intact."
    )
    problems: list[LogProblemType] = strawberry.field(
        description="Every problem found (at most 100), by notification id."
    )
    seconds: float = strawberry.field(description="How long the verification took.")

    @classmethod
    def of(cls, report: LogVerification, seconds: float) -> LogVerificationType:
        problems = [LogProblemType.of(p) for p in report.problems]
        return cls(
            intact=not problems,
            events=report.events,
            last_notification_id=report.last_notification_id,
            chain_head=report.chain_head,
            root=report.root,
            digests_checked=report.digests,
            signatures_checked=report.signed,
            first_broken=problems[0] if problems else None,
            problems=problems,
            seconds=round(seconds, 3),
        )


async def verify_log(
    info: Info[ApiContext, None],
    against: Annotated[
        list[LogDigestInput] | None,
        strawberry.argument(description="Digests kept outside the store (at most 100)."),
    ] = None,
) -> LogVerificationType:
    require_reader(info.context.actor(), ReadScope.INSPECTION)
    if against is not None and len(against) > MAX_KEPT:
        raise errors.InvalidInput(f"at most {MAX_KEPT} digests kept", field="against")
    kept = [digest_of(d, f"against.{i}") for i, d in enumerate(against or [])]
    application = info.context.application

    def verify() -> LogVerificationType:
        with _ONE_AT_A_TIME:
            started = time.perf_counter()
            report = application.verify_log(kept=kept)
            return LogVerificationType.of(report, time.perf_counter() - started)

    return await info.context.views.run(verify)


QUERY_SCOPES["verifyLog"] = ReadScope.INSPECTION


@strawberry.type
class LogVerificationQueries:
    verify_log: LogVerificationType = strawberry.field(
        resolver=verify_log,
        description="Recompute the chain and the Merkle tree of the whole log, check every "
        "published digest, its signature and the digests given, and name the first broken "
        "record (inspectors only; one at a time).",
    )
