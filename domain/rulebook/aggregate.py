"""A rulebook document published into the log under its content hash, so the log alone
proves which rules a year was scored by."""

from __future__ import annotations

from typing import Any

import orjson

from domain.actors import Duty, require_duty
from domain.events import Aggregate, Stamp
from domain.ids import rulebook_id
from domain.rulebook.document import canonical_json, content_hash, parse_rulebook
from domain.rulebook.model import Rulebook


class RulebookRecord(Aggregate):
    class Published(Aggregate.Created):
        rulebook_version: str
        sha256: str
        document: dict[str, Any]

        def apply(self, agg: RulebookRecord) -> None:
            agg.rulebook_version, agg.sha256 = self.rulebook_version, self.sha256
            agg.rulebook = parse_rulebook(self.document)

    rulebook_version: str  # not `version`: that is the aggregate's own event count
    sha256: str
    rulebook: Rulebook

    @classmethod
    def publish(cls, *, rulebook: Rulebook, stamp: Stamp) -> RulebookRecord:
        require_duty(stamp.actor_role, Duty.ADOPT_RULEBOOK)
        sha = content_hash(rulebook)
        document = orjson.loads(canonical_json(rulebook))
        return cls._begin(
            cls.Published,
            id=rulebook_id(sha),
            stamp=stamp,
            rulebook_version=rulebook.version,
            sha256=sha,
            document=document,
        )
