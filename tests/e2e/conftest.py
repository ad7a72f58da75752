"""One tiny demo year per session, generated through the CLI: the CLI tests read its
output and the served-API tests serve its file (the year takes seconds to generate).
A served test may write into the file, and a session's tests run in any order (two
workers share them out), so what generation wrote is counted once, right after it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infrastructure.bootstrap import build_application
from infrastructure.cli import cli
from infrastructure.settings import Settings

SEED = 11


@dataclass(frozen=True)
class TinyDemo:
    data_dir: Path
    output: str
    events: int  # in the file as generated, before any served test wrote to it
    wal_bytes: int  # of its write-ahead log then (0: none, or empty)

    @property
    def file(self) -> Path:
        return self.data_dir / f"demo-tiny-{SEED}.sqlite"

    @property
    def url(self) -> str:
        return f"sqlite:///{self.file}"


@pytest.fixture(scope="session")
def tiny_demo(tmp_path_factory: pytest.TempPathFactory) -> TinyDemo:
    data_dir = tmp_path_factory.mktemp("demo-data")
    args = ["generate", "--size", "tiny", "--seed", str(SEED), "--data-dir", str(data_dir)]
    with pytest.MonkeyPatch.context() as env:
        env.delenv("DUKAO_DATABASE_URL", raising=False)
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    file = data_dir / f"demo-tiny-{SEED}.sqlite"
    wal = file.with_name(file.name + "-wal")
    wal_bytes = wal.stat().st_size if wal.exists() else 0
    application = build_application(Settings(f"sqlite:///{file}"))
    try:
        events = application.recorder.max_notification_id() or 0
    finally:
        application.close()
    return TinyDemo(data_dir, result.output, events, wal_bytes)
