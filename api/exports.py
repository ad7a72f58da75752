"""Downloads of the published tables (issue 9 point 4): the ranking, the score ledger and
the supervision ledger as Excel or CSV, the bytes `dukao export-*` writes.

    GET /exports/ranking.xlsx?year=2025&period=2025-H1      (.csv too)
    GET /exports/ledger.xlsx?year=2025[&unitId=…&unitId=…]
    GET /exports/supervision-ledger.xlsx?year=2025[&unitId=…][&level=key][&status=overdue]
    GET /j/<code>/exports/…                                 (in the jurisdiction named)

Behind the same bearer token and read scopes as the GraphQL queries (api/permissions.py):
readers get every unit's rows; a unit user its own unit's (its ranking row, its ledger,
the cases it leads), and naming another unit is FORBIDDEN; without a token, 401. An
inspector's download is recorded as an inspector read, like its queries. Refusals are
JSON `{"error": {"code", "message", "field"}}` with 400, 401, 403 or 404; the stable
codes are the GraphQL ones.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import Any, Protocol
from uuid import UUID

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from api.auth import Bearer, Unauthenticated, bearer_of
from api.inputs import check_year, uuid_of
from api.jurisdiction_routing import PATH_PREFIX, Router
from api.permissions import ReadScope, readable_unit
from api.settings import ApiSettings
from application import context
from application.app import AssessmentApplication
from domain import errors
from domain.periods import Period
from domain.vocabulary import Role

log = logging.getLogger("dukao.api")
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
STATUS = {
    "UNAUTHENTICATED": 401, "FORBIDDEN": 403, "OUTSIDE_JURISDICTION": 403, "NOT_FOUND": 404,
    "UNKNOWN_JURISDICTION": 404,
}  # fmt: skip
# Each download reads views across units: a unit user gets its own unit's rows.
SCOPES = {"ranking": ReadScope.UNIT_ROWS, "ledger": ReadScope.UNIT_ROWS,
          "supervision-ledger": ReadScope.UNIT_ROWS}  # fmt: skip


class Exports(Protocol):
    """The sheets as bytes, given by the composition root (infrastructure/exports)."""

    def ranking(
        self, app: AssessmentApplication, *, year: int, period: str, unit_id: UUID | None,
        form: str,
    ) -> bytes: ...  # fmt: skip

    def ledger(
        self, app: AssessmentApplication, *, year: int, unit_ids: list[UUID] | None, form: str
    ) -> bytes: ...

    def supervision_ledger(
        self, app: AssessmentApplication, *, year: int, unit_id: UUID | None,
        level: str | None, status: str | None, form: str,
    ) -> bytes: ...  # fmt: skip


def add_export_routes(
    web: FastAPI, router: Router, settings: ApiSettings, exports: Exports, *, routed: bool
) -> None:
    prefixes = ["", PATH_PREFIX] if routed else [""]
    for prefix in prefixes:
        for name in SCOPES:
            web.add_api_route(
                f"{prefix}/exports/{name}.{{form}}",
                _endpoint(name, router, settings, exports),
                methods=["GET"],
                include_in_schema=False,
            )


def _endpoint(
    name: str, router: Router, settings: ApiSettings, exports: Exports
) -> Callable[[Request], Any]:
    async def download(request: Request) -> Response:
        try:
            authorization = request.headers.get("authorization")
            if not authorization:  # the public reads nothing: a download needs a token
                raise Unauthenticated("a download needs a bearer token", field="authorization")
            bearer = bearer_of(authorization, settings.keys)
            code = request.path_params.get("jurisdiction") or router.served_code
            router.check(bearer, code)  # before anything of the jurisdiction is reached
            write = _writer(name, request, bearer, exports)
            app = router.application(code)
            if bearer.actor.role is Role.INSPECTOR:
                await to_thread.run_sync(functools.partial(_record, app, bearer, name, request))
            content = await to_thread.run_sync(write, app)
        except errors.DomainError as error:
            return _refused(error)
        except Exception:
            log.exception("download %s failed (correlation id %s)", name, _cid())
            body = {"code": "INTERNAL", "message": "Unexpected error.", "correlationId": _cid()}
            return JSONResponse({"error": body}, status_code=500)
        form = request.path_params["form"]
        filename = f"{name}-{request.query_params['year']}.{form}"
        return Response(
            content,
            media_type=MEDIA[form],
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return download


def _writer(
    name: str, request: Request, bearer: Bearer, exports: Exports
) -> Callable[[AssessmentApplication], bytes]:
    """What to write, checked (scope, then arguments) before anything is read."""
    query, form = request.query_params, request.path_params["form"]
    if form not in MEDIA:
        raise errors.NotFound(f"downloads are {', '.join(MEDIA)}, not '{form}'", field="format")
    year = _year(query.get("year"))
    units = [uuid_of(text, "unitId") for text in query.getlist("unitId")]
    actor = bearer.actor
    if name == "ranking":
        period = query.get("period") or str(year)
        if Period.parse(period).year != year:
            raise errors.InvalidInput(f"a period of {year}", field="period")
        unit = readable_unit(actor, None)
        return functools.partial(exports.ranking, year=year, period=period, unit_id=unit, form=form)
    if name == "ledger":
        chosen = [readable_unit(actor, unit) for unit in units] or [readable_unit(actor, None)]
        ids = None if chosen == [None] else [u for u in chosen if u is not None]
        return functools.partial(exports.ledger, year=year, unit_ids=ids, form=form)
    if len(units) > 1:
        raise errors.InvalidInput("one unitId at most", field="unitId")
    unit = readable_unit(actor, units[0] if units else None)
    return functools.partial(
        exports.supervision_ledger, year=year, unit_id=unit, level=query.get("level"),
        status=query.get("status"), form=form,
    )  # fmt: skip


def _year(text: str | None) -> int:
    if text is None or not text.isdigit():
        raise errors.InvalidInput("year: a calendar year, e.g. 2025", field="year")
    check_year(int(text))
    return int(text)


def _record(app: AssessmentApplication, bearer: Bearer, name: str, request: Request) -> None:
    """An inspector's download is an inspector read (DOMAIN.md §7), recorded first."""
    asked = f"{request.url.path}?{request.url.query}"
    app.record_inspector_read(
        operation=f"export:{name}",
        query_sha256=hashlib.sha256(asked.encode()).hexdigest(),
        arguments={key: request.query_params.getlist(key) for key in request.query_params},
        by=bearer.actor,
    )


def _refused(error: errors.DomainError) -> JSONResponse:
    body = {"code": error.code, "message": error.message, "field": error.field}
    headers = {"WWW-Authenticate": "Bearer"} if error.code == "UNAUTHENTICATED" else None
    return JSONResponse({"error": body}, status_code=STATUS.get(error.code, 400), headers=headers)


def _cid() -> str | None:
    return context.correlation_id.get()
