"""One tiny demo year per session, generated through the CLI: the CLI tests read its
output and the served-API tests serve its file (the year takes seconds to generate)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infrastructure.cli import cli

SEED = 11


@dataclass(frozen=True)
class TinyDemo:
    data_dir: Path
    output: str

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
    return TinyDemo(data_dir, result.output)
