"""Settings from the environment. One variable picks the store:

DUKAO_DATABASE_URL=sqlite:///data/dukao.sqlite          (the embedded default)
DUKAO_DATABASE_URL=sqlite:///data/x.sqlite?synchronous=normal  (no sync per commit)
DUKAO_DATABASE_URL=postgresql://user@127.0.0.1:5432/db  (production)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from eventsourcing.utils import get_topic

from infrastructure.store.postgres import AssessmentPostgresRecorder
from infrastructure.store.serialization import OrjsonTranscoder, PydanticMapper
from infrastructure.store.sqlite import AssessmentSQLiteRecorder
from infrastructure.store.sqlite_factory import LEVELS, AssessmentSQLiteFactory

DEFAULT_URL = "sqlite:///data/dukao.sqlite"
DEFAULT_JURISDICTION = "demo-county"


IDLE_IN_TRANSACTION_SECONDS = "60"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    jurisdiction: str = DEFAULT_JURISDICTION

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("DUKAO_DATABASE_URL", DEFAULT_URL),
            jurisdiction=os.environ.get("DUKAO_JURISDICTION", DEFAULT_JURISDICTION),
        )

    @property
    def is_postgres(self) -> bool:
        return urlparse(self.database_url).scheme.startswith("postgres")

    def eventsourcing_env(self) -> dict[str, str]:
        env = {
            "TRANSCODER_TOPIC": get_topic(OrjsonTranscoder),
            "MAPPER_TOPIC": get_topic(PydanticMapper),
        }
        url = urlparse(self.database_url)
        if url.scheme == "sqlite":
            path = Path(unquote(url.path[1:] if url.path.startswith("/") else url.path))
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            env.update(
                PERSISTENCE_MODULE=get_topic(AssessmentSQLiteFactory),
                SQLITE_DBNAME=str(path),
                SQLITE_LOCK_TIMEOUT="10",
                SQLITE_SYNCHRONOUS=_synchronous(url.query),
                APPLICATION_RECORDER_TOPIC=get_topic(AssessmentSQLiteRecorder),
            )
            return env
        if not self.is_postgres:
            raise ValueError(f"DUKAO_DATABASE_URL: unsupported scheme '{url.scheme}'")
        query = parse_qs(url.query)
        env.update(
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_DBNAME=url.path.lstrip("/") or "postgres",
            POSTGRES_HOST=url.hostname or "127.0.0.1",
            POSTGRES_PORT=str(url.port or 5432),
            POSTGRES_USER=unquote(url.username or "postgres"),
            POSTGRES_PASSWORD=unquote(url.password or ""),
            POSTGRES_SCHEMA=query.get("schema", ["public"])[0],
            POSTGRES_POOL_SIZE=query.get("pool_size", ["8"])[0],
            POSTGRES_MAX_OVERFLOW="8",
            POSTGRES_LOCK_TIMEOUT="5",
            # The library ends a transaction left idle for 5 s. A projection batch used to
            # compute its rows inside its transaction, and on a busy machine that took
            # longer (a city rebuild was cut off at 958k of 1.07M events). Batches are now
            # computed first and sent in one short transaction (projections/sql.py,
            # StagedWrites); 60 s stays as the margin for a projector's start, whose one
            # transaction reads every view's current rows. Writers never idle in one: each
            # command is one call.
            POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT=os.environ.get(
                "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", IDLE_IN_TRANSACTION_SECONDS
            ),
            APPLICATION_RECORDER_TOPIC=get_topic(AssessmentPostgresRecorder),
        )
        return env


def _synchronous(query: str) -> str:
    level = parse_qs(query).get("synchronous", [""])[0].upper()
    if level and level not in LEVELS:
        raise ValueError(f"DUKAO_DATABASE_URL: synchronous must be one of {', '.join(LEVELS)}")
    return level
