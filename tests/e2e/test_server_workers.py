"""`dukao serve --workers 2 --no-follow` beside a projector of its own (`dukao project`),
on PostgreSQL: both workers answer, and none serves an answer it kept from before the
projector's latest batch (api/kept_answers.py reads the checkpoint from the store, not
from any one process)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import psycopg
import pytest
import uvicorn
from psycopg import sql

from infrastructure.bootstrap import build_application
from infrastructure.serve_workers import listening, worker_app
from infrastructure.settings import Settings
from tests.builders import OFFICE, ROOT, YEAR, enrolled_unit, open_year
from tests.e2e.server import Server, free_port, start

RANKING = """query($category: String!) { ranking(year: 2025, period: "2025",
  category: $category) { asOf { position } edges { node { unitId score } } } }"""
ASKED = 24  # each on a new connection: the workers share them


@pytest.fixture
def store(pg_database: str) -> Iterator[str]:
    schema = f"workers_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield f"{pg_database}?schema={schema}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def project(url: str) -> None:
    """`dukao project`: another process brings the views to the end of the log."""
    environment = {k: v for k, v in os.environ.items() if k != "DUKAO_DATABASE_URL"}
    subprocess.run(
        [sys.executable, "-m", "infrastructure.cli", "project", "--database-url", url],
        cwd=ROOT, env=environment, check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def answers(server: Server) -> set[tuple[int, Decimal]]:
    """The (checkpoint, score) of every answer to the same question, asked ASKED times."""
    found = set()
    for _ in range(ASKED):
        ranking = server.data(RANKING, as_=OFFICE, category="town")["ranking"]
        [row] = [edge["node"] for edge in ranking["edges"]]
        found.add((ranking["asOf"]["position"], Decimal(row["score"])))
    return found


def test_workers_answer_what_another_process_projected_and_keep_nothing_older(
    store: str, tmp_path: Path
) -> None:
    writer = build_application(Settings(store))
    try:
        open_year(writer)
        unit = enrolled_unit(writer, "T001")
        project(store)
        server = start(["serve", "--workers", "2", "--no-follow", "--database-url", store],
                       tmp_path / "log")  # fmt: skip
        try:
            [(before, score)] = answers(server)
            assert score == 0
            writer.grant_bonus(
                year=YEAR, unit_id=unit, points=Decimal("1"), reason="创新", basis="文件",
                by=OFFICE,
            )  # fmt: skip
            project(store)
            head = writer.recorder.max_notification_id()
            assert answers(server) == {(head, Decimal(1))}
            ready = httpx.get(server.url.replace("/graphql", "/readyz"), timeout=30).json()
            assert ready["checks"]["projections"] == {"ready": True}  # the lag, from the store
            assert head > before
            assert server.log().count("Started server process") == 2
        finally:
            server.stop()
    finally:
        writer.close()


def test_more_than_one_worker_needs_the_views_projected_elsewhere(store: str) -> None:
    refused = subprocess.run(
        [sys.executable, "-m", "infrastructure.cli", "serve", "--workers", "2",
         "--database-url", store],
        check=False, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "--no-follow" in refused.stdout + refused.stderr


def test_the_workers_socket_is_tcp_so_answers_are_not_held_for_an_ack() -> None:
    config = uvicorn.Config(worker_app, host="127.0.0.1", port=free_port(), workers=2)
    with listening(config) as sock:
        assert sock.proto == socket.IPPROTO_TCP  # accepted sockets get TCP_NODELAY
