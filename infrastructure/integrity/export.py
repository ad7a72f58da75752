"""`dukao export YEAR`: a year's events, rulebooks, digests and proofs in one zip
archive, with the standalone verifier beside them (docs/integrity.md).

The archive holds the year's events (as application/year_events.py scopes a year:
the year, every aggregate created for it, the jurisdiction's units), the rulebook
records it adopted and the digests published in the log, each with its leaf index,
chain hash and the hash before it; the Merkle leaf hashes of the whole log up to the
export (so the tree's root is recomputed from the archive alone); a consistency proof
from every published digest to the export's tree; and the export's own digest, signed
when a key is configured. `verify.py` in the archive checks all of it.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.utils import get_topic

from application.app import AssessmentApplication
from application.integrity import DIGEST_TOPIC, PublishedDigest
from application.year_events import YearScope
from domain.actors import Actor
from domain.ids import year_id
from domain.integrity.chain import event_fields
from domain.integrity.merkle import consistency_proof, leaf_hash
from domain.rulebook.aggregate import RulebookRecord
from domain.rulebook.document import canonical_json

FORMAT = "dukao-year-export/1"
VERIFIER = Path(__file__).with_name("standalone_verify.py")
RULEBOOK_TOPIC = get_topic(RulebookRecord.Published)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    events: int
    tree_size: int
    root: str
    rulebooks: int
    digests: int


def export_year(app: AssessmentApplication, *, year: int, path: Path, by: Actor) -> ExportSummary:
    assessment = app.year(year)  # NOT_FOUND (field "year") when there is no such year
    digest = app.log_digest()  # refused unless the log verifies
    scope = YearScope(year_id=year_id(app.jurisdiction, year), jurisdiction=app.jurisdiction)
    events, leaves = _collect(app, scope, digest.tree_size)
    published = [p for p in app.published_digests() if p.digest.tree_size <= digest.tree_size]
    rulebooks = _rulebooks(app, events)
    signature = app.digest_signer.sign(digest) if app.digest_signer else None
    files = {
        "events.jsonl": b"".join(orjson.dumps(e) + b"\n" for e in events),
        "leaf_hashes.txt": b"".join(leaf.hex().encode() + b"\n" for leaf in leaves),
        "digests.json": orjson.dumps(
            {
                "export": {"digest": digest.model_dump(), "signature": _dump(signature)},
                "published": [_published(p, leaves) for p in published],
            },
            option=orjson.OPT_INDENT_2,
        ),
        **{f"rulebooks/{sha}.json": document for sha, document in rulebooks.items()},
    }
    manifest = {
        "format": FORMAT,
        "jurisdiction": app.jurisdiction,
        "year": year,
        "year_id": str(assessment.id),
        "exported_at": datetime.now(UTC).isoformat(),
        "exported_by": {"user_id": by.user_id, "role": by.role},
        "events": len(events),
        **digest.model_dump(),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        for name, data in files.items():
            archive.writestr(name, data)
        archive.write(VERIFIER, "verify.py")
    return ExportSummary(
        path, len(events), digest.tree_size, digest.root, len(rulebooks), len(published)
    )


def _collect(
    app: AssessmentApplication, scope: YearScope, size: int
) -> tuple[list[dict[str, Any]], list[bytes]]:
    """One pass over the log: every leaf hash, and the rows the archive carries."""
    events: list[dict[str, Any]] = []
    leaves: list[bytes] = []
    previous = bytes(32)
    rows = app.chained_log().log_rows()
    with contextlib.closing(rows):
        for _, canonical, stored in rows:
            if stored is None:
                continue  # the log verified: there are none below its size
            if len(leaves) == size:
                break
            leaves.append(leaf_hash(canonical))
            fields = event_fields(canonical)
            if _carried(scope, *fields):
                events.append(_line(fields, previous, stored, len(leaves) - 1))
            previous = stored
    return events, leaves


def _carried(
    scope: YearScope, _: int, originator: bytes, version: int, topic: str, state: bytes
) -> bool:
    if topic in (RULEBOOK_TOPIC, DIGEST_TOPIC):
        return True
    aggregate = UUID(bytes=originator)
    if aggregate in scope.members:
        return True
    if version != 1 or scope.kind_of(topic) == "none":
        return False
    return scope.admits(aggregate, version, topic, orjson.loads(state))


def _line(
    fields: tuple[int, bytes, int, str, bytes], previous: bytes, stored: bytes, leaf_index: int
) -> dict[str, Any]:
    notification_id, originator, version, topic, state = fields
    line: dict[str, Any] = {
        "notification_id": notification_id,
        "leaf_index": leaf_index,
        "originator_id": str(UUID(bytes=originator)),
        "originator_version": version,
        "topic": topic,
    }
    try:
        line["state"] = state.decode()
    except UnicodeDecodeError:  # a compressed or enciphered store
        line["state_base64"] = base64.b64encode(state).decode()
    return line | {"previous_hash": previous.hex(), "hash": stored.hex()}


def _rulebooks(app: AssessmentApplication, events: list[dict[str, Any]]) -> dict[str, bytes]:
    """The documents of the rulebook records the archive carries, as their sha256 names."""
    found = {}
    for event in events:
        if event["topic"] == RULEBOOK_TOPIC and "state" in event:
            sha = orjson.loads(event["state"])["sha256"]
            found[sha] = canonical_json(app.rulebook_record(sha).rulebook)
    return found


def _published(published: PublishedDigest, leaves: list[bytes]) -> dict[str, Any]:
    proof = consistency_proof(leaves, published.digest.tree_size)
    return {
        "notification_id": published.notification_id,
        "digest": published.digest.model_dump(),
        "signature": _dump(published.signature),
        "consistency": [p.hex() for p in proof],
    }


def _dump(value: Any) -> Any:
    return None if value is None else value.model_dump()
