"""A real `dukao` server in a subprocess, and a GraphQL client for it.

The server verifies tokens with the development secret (no DUKAO_JWT_* in its
environment); `Server.query` asks as an inspector, who reads everything, unless told
otherwise."""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from api.auth import mint
from api.settings import ApiSettings
from domain.actors import Actor
from tests.builders import INSPECTOR, ROOT

READY_WITHIN_SECONDS = 90.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    output: Path

    def query(self, query: str, *, as_: Actor = INSPECTOR, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {bearer(as_)}"}
        response = httpx.post(
            self.url, json={"query": query, "variables": variables}, headers=headers, timeout=30
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, *, as_: Actor = INSPECTOR, **variables: Any) -> dict[str, Any]:
        body = self.query(query, as_=as_, **variables)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    def log(self) -> str:
        return self.output.read_text("utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@functools.cache
def bearer(actor: Actor) -> str:
    """One token per user for the session, so a test can look for it in the log."""
    keys = ApiSettings().keys
    return mint(
        keys, signing_key=keys.key, user_id=actor.user_id, role=actor.role, unit_id=actor.unit_id
    )


def start(args: list[str], output: Path, env: dict[str, str] | None = None) -> Server:
    """Run `python -m infrastructure.cli <args> --port <free>` and wait until it answers."""
    port = free_port()
    environment = {
        k: v
        for k, v in os.environ.items()
        if k != "DUKAO_DATABASE_URL" and not k.startswith(("DUKAO_JWT_", "DUKAO_ENV"))
    }
    environment.update(env or {}, COLUMNS="120")
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "infrastructure.cli", *args, "--port", str(port)],
            cwd=ROOT,
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, f"http://127.0.0.1:{port}/graphql", output)
    _wait_until_ready(server)
    return server


def _wait_until_ready(server: Server) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server exited early:\n{server.log()}")
        try:
            if server.data("{ health }") == {"health": "ok"}:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    server.stop()
    raise AssertionError(
        f"the server did not answer within {READY_WITHIN_SECONDS}s:\n{server.log()}"
    )
