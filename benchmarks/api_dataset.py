"""The API latency benchmark's data: the `county` demo year generated into its own
PostgreSQL database and projected, through the CLI as an operator would
(`dukao generate --size county -d URL`, then `dukao project -d URL`, then the
red-warning policy's cases opened and projected as a served year's are), made once and
reused while its marker row says every step completed.

    python -m benchmarks.api_dataset [--regenerate]

On this shared 2-core machine the two steps take about 5-8 minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from benchmarks.replay_dataset import database_url, ensure_database
from infrastructure.bootstrap import build_application
from infrastructure.settings import Settings

NAME = "api_county"  # the database is dukao_bench_api_county
ROOT = Path(__file__).resolve().parents[1]


def ensure_county(*, regenerate: bool = False) -> str:
    """The URL of a database holding the generated county year with its views projected."""
    return ensure_database(NAME, regenerate, _generate_and_project)


def _generate_and_project() -> int:
    url = database_url(NAME)
    steps = (
        ["generate", "--size", "county"],
        ["project"],
        # as a served year stands: the red-warning policy's cases opened (the server's
        # follower opens them after each batch), and projected
        ["open-red-warning-cases", "--limit", "100000"],
        ["project"],
    )
    for step in steps:
        subprocess.run(
            [sys.executable, "-m", "infrastructure.cli", *step, "--database-url", url],
            cwd=ROOT,
            check=True,
        )
    app = build_application(Settings(url))
    try:
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regenerate", action="store_true")
    print(ensure_county(regenerate=parser.parse_args(argv).regenerate))


if __name__ == "__main__":
    main(sys.argv[1:])
