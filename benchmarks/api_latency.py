"""API latency (issue 6 point 9): the ranking query with ledgers and the ledger query,
asked by 16 concurrent clients (a lean keep-alive client, benchmarks/http_client.py, or
`--client httpx`) of `dukao serve` (uvicorn, a real process) over the generated
`county` year on PostgreSQL, beside a floor measured in the same round: the same data
read by one raw SQL statement through psycopg, with as many concurrent connections.

    python -m benchmarks.api_latency [--rounds 5] [--clients 16] [--workers N] [--regenerate]

Workloads, each request the next category or unit in turn:
- ranking + ledgers: a category's ranking for the year (≤ 58 rows), each row's ledger
  total, rank, grade, grade clause and whether awards are allowed;
- ranking + ledger lines: the same with every line of every ledger (kind, points,
  clause, events): 2,000-4,000 lines, 0.3-0.7 MB of JSON;
- unit ledger: one unit's ledger with every line (about 70).
The year is generated once (benchmarks/api_dataset.py); its view tables are analyzed
before the run, as autovacuum keeps a live database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import httpx
import psycopg

from benchmarks.api_dataset import ensure_county
from benchmarks.api_server import bearer, projecting, served
from benchmarks.api_writer import writing
from benchmarks.environment import describe_machine
from benchmarks.http_client import LeanClient
from benchmarks.latency import Measure, closed_loop, render, render_rounds
from benchmarks.scratch import postgres_database, server_version
from domain.actors import Actor
from domain.vocabulary import Role

OFFICE = Actor(user_id="office-bench", role=Role.ASSESSMENT_OFFICE)
# Warms the paths as a leader: answers are kept by role (and unit), so the office's
# first asks are still first.
WARMING = Actor(user_id="leader-bench-warming", role=Role.LEADER)
YEAR = 2025
SUMMARY = "unitId code rank score grade ledger { total rank grade gradeClause awardsAllowed }"
LINES = "ledger { total lines { edges { node { kind points clauseId eventIds } } } }"
RANKING = """query($category: String!) { ranking(year: 2025, period: "2025", category: $category)
  { asOf { position } edges { node { %s } } } }"""
LEDGER = """query($unitId: ID!) { unitLedger(year: 2025, unitId: $unitId) { total rank grade
  asOf { position } lines { edges { node { kind points clauseId eventIds } } } } }"""
# The floors: the same rows in one statement each, current versions, by the same keys.
RANKED = (
    "SELECT r.unit_id, r.code, r.rank, r.score, r.grade, u.total, u.rank, u.grade, "
    "u.grade_clause, u.awards_allowed{lines} FROM view_rankings r JOIN view_unit_results u "
    "ON u.year_id = r.year_id AND u.unit_id = r.unit_id AND u.valid_to IS NULL{join} "
    "WHERE r.year_id = %s AND r.period = %s AND r.category = %s AND r.valid_to IS NULL "
    "ORDER BY r.rank{order}"
)
WITH_LINES = {
    "lines": ", l.kind, l.points, l.clause_id, l.event_ids",
    "join": " LEFT JOIN view_ledger_lines l ON l.year_id = r.year_id AND l.unit_id = r.unit_id "
    "AND l.valid_to IS NULL",
    "order": ", l.ordinal",
}
UNIT_LEDGER = (
    "SELECT u.total, u.rank, u.grade, l.kind, l.points, l.clause_id, l.event_ids "
    "FROM view_unit_results u LEFT JOIN view_ledger_lines l ON l.year_id = u.year_id "
    "AND l.unit_id = u.unit_id AND l.valid_to IS NULL "
    "WHERE u.year_id = %s AND u.unit_id = %s AND u.valid_to IS NULL ORDER BY l.ordinal"
)
Workload = tuple[str, str, Callable[[int], dict[str, Any]], str, Callable[[int], tuple[Any, ...]]]


def workloads(url: str, counts: dict[str, int]) -> list[tuple[Workload, int, int]]:
    """Each workload, the requests of a round, and how many distinct questions it asks."""
    with psycopg.connect(url) as conn:
        conn.execute("ANALYZE view_rankings, view_unit_results, view_ledger_lines")
        [(year_id,)] = conn.execute("SELECT DISTINCT year_id FROM view_unit_results").fetchall()
        units = [u for (u,) in conn.execute("SELECT DISTINCT unit_id FROM view_unit_results")]
        found = conn.execute("SELECT DISTINCT category FROM view_unit_results").fetchall()
    categories = sorted(c for (c,) in found)

    def category(i: int) -> str:
        return str(categories[i % len(categories)])

    def ranked(i: int) -> tuple[Any, ...]:
        return (year_id, str(YEAR), category(i))

    return [
        (("ranking + ledgers", RANKING % SUMMARY, lambda i: {"category": category(i)},
          RANKED.format(lines="", join="", order=""), ranked), counts["summary"],
         len(categories)),
        (("ranking + ledger lines", RANKING % f"unitId rank score {LINES}",
          lambda i: {"category": category(i)}, RANKED.format(**WITH_LINES), ranked),
         counts["lines"], len(categories)),
        (("unit ledger", LEDGER, lambda i: {"unitId": units[i % len(units)]}, UNIT_LEDGER,
          lambda i: (year_id, units[i % len(units)])), counts["ledger"], len(units)),
    ]  # fmt: skip


async def over_http(
    endpoint: str,
    clients: int,
    requests: int,
    work: Workload,
    *,
    client: str = "lean",
    reader: Actor = OFFICE,
) -> Any:
    _, document, variables, _, _ = work
    headers = {"Authorization": f"Bearer {bearer(reader)}"}
    if client == "lean":
        async with LeanClient(endpoint, connections=clients, headers=headers) as lean:

            async def send_lean(i: int) -> None:
                status, body = await lean.post_json({"query": document, "variables": variables(i)})
                if status != 200 or b'"errors"' in body:
                    raise RuntimeError(f"{work[0]}: {status} {body[:300]!r}")

            return await closed_loop(clients, requests, send_lean)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=120) as session:

        async def send(i: int) -> None:
            response = await session.post(
                endpoint, json={"query": document, "variables": variables(i)}
            )
            if response.status_code != 200 or b'"errors"' in response.content:
                raise RuntimeError(f"{work[0]}: {response.status_code} {response.text[:300]}")

        return await closed_loop(clients, requests, send)


async def over_sql(url: str, clients: int, requests: int, work: Workload) -> Any:
    _, _, _, statement, params = work
    connections = [
        await psycopg.AsyncConnection.connect(url, autocommit=True) for _ in range(clients)
    ]
    free: asyncio.Queue[psycopg.AsyncConnection[Any]] = asyncio.Queue()
    for conn in connections:
        free.put_nowait(conn)

    async def send(i: int) -> None:
        conn = await free.get()
        try:
            cursor = await conn.execute(statement, params(i), prepare=True)
            if not await cursor.fetchall():
                raise RuntimeError(f"{work[0]}: the floor read nothing")
        finally:
            free.put_nowait(conn)

    try:
        return await closed_loop(clients, requests, send)
    finally:
        for conn in connections:
            await conn.close()


async def measure(
    url: str, endpoint: str, options: argparse.Namespace, writer: Callable[[], Any]
) -> list[Measure]:
    """Warm both paths (pools, prepared statements, parsed documents) as another reader;
    then every distinct question once, all clients ("first asks": none of its answers
    is kept yet); then, `writer` running, each round: every workload with all clients,
    then with one (the service time of a request alone), each beside its floor with as
    many connections."""
    counts = {"summary": options.requests, "lines": options.line_requests}
    plan = workloads(url, counts | {"ledger": options.requests})
    loads = [options.clients, 1]
    clients_of = options.clients
    for work, _, _ in plan:
        await over_http(
            endpoint, clients_of, clients_of * 2, work, client=options.client, reader=WARMING
        )
        await over_sql(url, clients_of, clients_of * 2, work)
    firsts = [Measure(f"{work[0]}, first asks", clients_of) for work, _, _ in plan]
    for (work, _, distinct), figure in zip(plan, firsts, strict=True):
        figure.floors.append(await over_sql(url, clients_of, distinct, work))
        figure.runs.append(
            await over_http(endpoint, clients_of, distinct, work, client=options.client)
        )
        _print_run("first asks", work[0], clients_of, figure)
    measures = [Measure(work[0], clients) for clients in loads for work, _, _ in plan]
    with writer():
        await _rounds(url, endpoint, options, plan, measures)
    return firsts + measures


async def _rounds(
    url: str,
    endpoint: str,
    options: argparse.Namespace,
    plan: list[tuple[Workload, int, int]],
    measures: list[Measure],
) -> None:
    loads = [options.clients, 1]
    for round_ in range(1, options.rounds + 1):
        for clients, (work, many, _), figure in zip(
            [c for c in loads for _ in plan], plan * len(loads), measures, strict=True
        ):
            requests = many if clients > 1 else max(8, many // 8)
            figure.floors.append(await over_sql(url, clients, requests, work))
            figure.runs.append(
                await over_http(endpoint, clients, requests, work, client=options.client)
            )
            _print_run(f"round {round_}", work[0], clients, figure)


def _print_run(label: str, name: str, clients: int, figure: Measure) -> None:
    run, floor = figure.runs[-1], figure.floors[-1]
    print(
        f"{label} {name}, {clients} clients: p50 {run.p50 * 1000:.1f} ms, "
        f"p99 {run.p99 * 1000:.1f} ms, {run.per_second:.1f}/s; floor p99 "
        f"{floor.p99 * 1000:.1f} ms, {floor.per_second:.0f}/s",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    county = ensure_county(regenerate=options.regenerate)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(TemporaryDirectory(prefix="dukao_api_bench_")))
        url = county
        if options.writes_per_second > 0:  # the writes go to a copy, dropped after
            admin = f"{county.rsplit('/', 1)[0]}/postgres"
            url = stack.enter_context(postgres_database(admin, template=county.rsplit("/")[-1]))
        in_server = options.projector == "server" and options.workers == 1
        if not in_server and options.writes_per_second > 0:
            stack.enter_context(projecting(url, folder / "projector.log"))
        endpoint = stack.enter_context(
            served(
                url, folder / "server.log", answers_cached=options.answers_cached,
                workers=options.workers, follow=in_server,
            )
        )  # fmt: skip

        def writer() -> Any:
            return writing(url, options.writes_per_second, folder / "writer.log")

        measures = asyncio.run(measure(url, endpoint, options, writer))
    print()
    print(describe_machine(server_version(county)))
    print()
    print(render(measures))
    print()
    print(render_rounds(measures))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.api_latency",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("--rounds", type=int, default=5, help="rounds, each workload beside its floor (5)")
    add("--clients", type=int, default=16, help="concurrent clients (16)")
    add("--requests", type=int, default=480, help="requests a round, ledger workloads (480)")
    add("--line-requests", type=int, default=96, help="requests a round with every line (96)")
    add("--regenerate", action="store_true", help="generate the county year again")
    add(
        "--client", choices=("lean", "httpx"), default="lean",
        help="the load generator's HTTP client: lean (benchmarks/http_client.py) or httpx",
    )  # fmt: skip
    add("--workers", type=int, default=1, help="server processes (1; above: --no-follow)")
    add(
        "--projector", choices=("server", "process"), default="server",
        help="where the writes are projected: in the server process (its follower, the "
        "default) or in `dukao project --follow` beside it (always, with --workers above 1)",
    )  # fmt: skip
    add(
        "--writes-per-second", type=float, default=0.0,
        help="an office's bonuses written while the rounds run, to a copy of the year "
        "(benchmarks/api_writer.py; 0: none)",
    )  # fmt: skip
    add(
        "--answers-cached", type=int, default=None,
        help="the server's DUKAO_API_ANSWERS_CACHED (its default: 1024; 0: no answer kept)",
    )  # fmt: skip
    return parser


if __name__ == "__main__":
    sys.exit(main())
