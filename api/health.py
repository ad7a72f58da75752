"""Liveness and readiness for the orchestrator.

`/healthz`: the process answers. `/readyz`: every registered check passes, each named in
the answer; the database's is built in, and others register beside it (the projections
will add their lag): `app.state.readiness.register("projections", check)`, where a
check returns None when ready or a short reason when not, and may raise. A failing
check's details go to the server's log; the client sees only its name and reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from application.app import AssessmentApplication

Check = Callable[[], str | None]
log = logging.getLogger("dukao.health")


class Readiness:
    def __init__(self) -> None:
        self._checks: dict[str, Check] = {}

    def register(self, name: str, check: Check) -> None:
        if name in self._checks:
            raise ValueError(f"a readiness check named {name!r} is registered already")
        self._checks[name] = check

    def run(self) -> dict[str, dict[str, object]]:
        report: dict[str, dict[str, object]] = {}
        for name, check in self._checks.items():
            try:
                reason = check()
            except Exception:
                log.exception("readiness check %s failed", name)
                reason = "check failed"
            report[name] = {"ready": reason is None} | ({"reason": reason} if reason else {})
        return report


def database_check(application: AssessmentApplication) -> Check:
    def reachable() -> str | None:
        application.recorder.max_notification_id()  # one round trip to the store
        return None

    return reachable


def add_health_routes(web: FastAPI, readiness: Readiness) -> None:
    @web.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @web.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        checks = await run_in_threadpool(readiness.run)
        ready = all(check["ready"] for check in checks.values())
        body = {"status": "ready" if ready else "not ready", "checks": checks}
        return JSONResponse(body, status_code=200 if ready else 503)
