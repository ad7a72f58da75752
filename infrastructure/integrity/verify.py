"""`dukao verify`: recompute the hash chain and the Merkle tree from the store, check
every published digest (and any the inspector kept outside the store), and name the
first broken record."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import orjson
from eventsourcing.persistence import Notification
from pydantic import ValidationError

from application.app import AssessmentApplication
from application.integrity import DIGEST_TOPIC
from domain.integrity.digest import LogDigest, LogDigestRecord
from domain.integrity.verification import Broken, ChainVerifier, Problem
from infrastructure.integrity.signing import signature_holds

KEPT = 0  # "published at" of a digest the inspector kept outside the store


@dataclass
class VerifyReport:
    events: int
    last_notification_id: int
    chain_head: str
    root: str
    digests: int
    signed: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "events": self.events,
            "last_notification_id": self.last_notification_id,
            "chain_head": self.chain_head,
            "root": self.root,
            "digests_checked": self.digests,
            "signatures_checked": self.signed,
            "problems": [
                {"notification_id": p.notification_id, "code": p.code, "message": p.message}
                for p in self.problems
            ],
        }


def verify_store(app: AssessmentApplication, kept: Iterable[LogDigest] = ()) -> VerifyReport:
    verifier = ChainVerifier(orphans=app.chained_log().hashes_between)
    problems: list[Problem] = []
    digests = signed = 0
    for notification_id, stored in _digest_events(app):
        try:
            event = cast(LogDigestRecord.Published, app.mapper.to_domain_event(stored))
            digest, signature = event.digest, event.signature
        except (ValidationError, orjson.JSONDecodeError, KeyError, ValueError) as exc:
            problems.append(
                Problem(Broken.DIGEST_MISMATCH, notification_id, f"unreadable digest: {exc}")
            )
            continue
        digests += 1
        verifier.expect(notification_id, digest)
        if signature is not None:
            signed += 1
            if not signature_holds(digest, signature):
                problems.append(
                    Problem(
                        Broken.SIGNATURE_INVALID,
                        notification_id,
                        f"the digest's signature does not verify under key {signature.key_id}",
                    )
                )
    for digest in kept:
        digests += 1
        verifier.expect(KEPT, digest)
    rows = app.chained_log().log_rows()
    with contextlib.closing(rows):
        verifier.feed(rows)
    problems += verifier.finish()
    problems.sort(key=lambda p: p.notification_id)
    return VerifyReport(
        events=verifier.events,
        last_notification_id=verifier.last_notification_id,
        chain_head=verifier.head.hex(),
        root=verifier.tree.root().hex(),
        digests=digests,
        signed=signed,
        problems=problems,
    )


def _digest_events(app: AssessmentApplication) -> Iterable[tuple[int, Notification]]:
    """The digest events as stored, each decoded on its own: a tampered one must not
    stop the check of the rest."""
    start = 1
    while page := app.recorder.select_notifications(start, 1000, topics=[DIGEST_TOPIC]):
        for stored in page:
            yield stored.id, stored
        start = page[-1].id + 1
