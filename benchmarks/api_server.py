"""`dukao serve` as a real process for a benchmark: uvicorn over a store, as an operator
runs it, asked over HTTP; its request log goes to a file, not to the terminal."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from api.auth import mint
from api.settings import ApiSettings
from domain.actors import Actor

ROOT = Path(__file__).resolve().parents[1]
READY_WITHIN_SECONDS = 300.0  # a served follower folds the whole log first (~2 min for a county)


def bearer(actor: Actor) -> str:
    """A token the served process accepts: it verifies with the development secret."""
    keys = ApiSettings().keys
    return mint(
        keys, signing_key=keys.key, user_id=actor.user_id, role=actor.role, unit_id=actor.unit_id
    )


@contextmanager
def served(
    database_url: str,
    log: Path,
    *,
    answers_cached: int | None = None,
    workers: int = 1,
    follow: bool = True,
) -> Iterator[str]:
    """The GraphQL URL of `dukao serve` over `database_url`, once its views are ready;
    `answers_cached`: its DUKAO_API_ANSWERS_CACHED (None: the server's default);
    `follow` False or `workers` above 1: `--no-follow`, the views projected elsewhere
    (`projecting`) or not at all."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DUKAO_")}
    if answers_cached is not None:
        environment["DUKAO_API_ANSWERS_CACHED"] = str(answers_cached)
    command = [sys.executable, "-m", "infrastructure.cli", "serve", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    if workers > 1 or not follow:
        command += ["--no-follow"]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*command, "--database-url", database_url],
            cwd=ROOT,
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, base, log)
        yield f"{base}/graphql"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text('utf-8', 'replace')}")
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the server was not ready within {READY_WITHIN_SECONDS:.0f} s")


@contextmanager
def projecting(database_url: str, log: Path) -> Iterator[None]:
    """`dukao project --follow` over `database_url` as its own process while the block runs."""
    command = ["infrastructure.cli", "project", "--follow", "--database-url", database_url]
    with beside(command, log):
        yield


@contextmanager
def beside(module: list[str], log: Path) -> Iterator[None]:
    """`python -m <module...>` as its own process while the block runs, its output to
    `log`; terminated after (killed if it does not stop within 30 s)."""
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", *module], cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
