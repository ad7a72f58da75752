"""View answers served as the bytes kept, before FastAPI and GraphQL run (issue 6 point 9).

A kept answer (api/response_cache.py) costs, served through strawberry, its whole
pipeline: routing, the body parsed, the extensions, the answer encoded again. This ASGI
layer, inside the request telemetry (so the log line, the metrics and the correlation id
are as for any request), serves it instead as the very bytes a fresh answer was sent as.

A POST to `/graphql` or `/j/<code>/graphql` whose JSON body asks a document already
answered and kept (a query of the views only: `ViewAnswerKeys` decides) is looked up by
the same key: jurisdiction, the token's role and unit (the token verified and
checked against the jurisdiction as the context does), document, operation name,
variables and the views' latest checkpoint. Anything else (another document, a
mutation, a bad token, an inspector, a body that is not such JSON) goes on to GraphQL
as it came (its body, read here, given again whole). An answer GraphQL gives without
errors, for a key `ViewAnswerKeys` named, is kept as the status, headers and body sent.

A question asked again while its answer is being made (the same key: sixteen of the
office's staff opening the ranking after a commit) waits for that answer instead of
making its own, and is sent the same bytes once kept; if it is not kept (it had
errors), the waiting request asks GraphQL itself.

The latest checkpoint is read by `LatestCheckpoint` (api/latest_checkpoint.py), after
the request arrived, so no kept answer is ever older than the views' latest checkpoint
committed when the request came, whichever process projects. A request answered afresh
reads at that checkpoint (`state.latest_checkpoint`, api/context.py), so its key names
what it read.
"""

from __future__ import annotations

import asyncio
import functools
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any

import orjson
from anyio import to_thread
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import bearer_of
from api.carried_answers import SentAnswer, StandingAnswer, relabelled
from api.jurisdiction_routing import Router
from api.latest_checkpoint import LatestCheckpoint
from api.response_cache import LARGEST_ANSWER, AnswerKey, ResponseCache, answer_key
from api.settings import TokenKeys
from application.views import Checkpoint
from domain.actors import Actor
from domain.errors import DomainError
from domain.vocabulary import Role

KNOWN_DOCUMENTS = 256  # documents whose answers are kept, least recently used out
JSON = b"application/json"


@dataclass(frozen=True)
class Question:
    jurisdiction: str
    query: str
    operation: str | None
    variables: Any


class KeptAnswers:
    """ASGI middleware serving kept view answers; see the module's docstring."""

    def __init__(self, app: ASGIApp, router: Router, keys: TokenKeys, cache: ResponseCache) -> None:
        self.app, self.router, self.keys, self.cache = app, router, keys, cache
        self._documents: OrderedDict[tuple[str, str | None], None] = OrderedDict()
        self._checkpoints: dict[str, LatestCheckpoint] = {}
        # Answers being made: the same question asked meanwhile waits for the first's.
        self._making: dict[AnswerKey, asyncio.Future[None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        jurisdiction = self._jurisdiction(scope)
        if jurisdiction is None:
            await self.app(scope, receive, send)
            return
        received = await _received(receive)
        replayed = _replay(received, receive)
        body = b"".join(m.get("body", b"") for m in received if m["type"] == "http.request")
        question = self._question(jurisdiction, body, Headers(scope=scope))
        if question is None:
            await self.app(scope, replayed, send)
            return
        if (question.query, question.operation) not in self._documents:
            await self._answer(scope, replayed, send, question)  # kept if it may be
            return
        found = await self._key(question, Headers(scope=scope))
        if found is None:
            await self.app(scope, replayed, send)
            return
        key, latest = found
        state: dict[str, Any] = scope.setdefault("state", {})
        kept: SentAnswer | None = self.cache.get(key)
        if kept is None and key in self._making:  # asked meanwhile: wait for that answer
            await asyncio.wait([self._making[key]])
            kept = self.cache.get(key)
        if kept is not None:
            await _send_kept(kept, state, send)
            return
        making = self._making.setdefault(key, asyncio.get_running_loop().create_future())
        try:
            kept = await self._carried(question.jurisdiction, key)
            if kept is not None:
                await _send_kept(kept, state, send)
                return
            state["latest_checkpoint"] = latest  # read afresh at the checkpoint the key names
            await self._answer(scope, replayed, send, question)
        finally:
            if self._making.get(key) is making:
                del self._making[key]
            making.set_result(None)

    async def _key(
        self, question: Question, headers: Headers
    ) -> tuple[AnswerKey, Checkpoint] | None:
        """The key of the reader's answer at the views' latest checkpoint, and that
        checkpoint; None when GraphQL must answer (an inspector, a bad token, a failed read)."""
        actor = self._reader(question, headers)
        if actor is None:
            return None
        try:
            latest = await self._latest(question.jurisdiction)
        except Exception:  # GraphQL meets it again and answers it as it answers errors
            return None
        key = answer_key(
            question.jurisdiction, actor, query=question.query, operation=question.operation,
            variables=question.variables, position=latest.position,
        )  # fmt: skip
        return key, latest

    async def _answer(self, scope: Scope, receive: Receive, send: Send, asked: Question) -> None:
        """GraphQL's answer, sent as it comes and kept when its key was named."""
        sent: dict[str, Any] = {"parts": [], "size": 0}

        async def keeping(message: Message) -> None:
            if message["type"] == "http.response.start":  # as sent here: outer layers add
                sent["start"] = {**message, "headers": list(message.get("headers", []))}
            elif message["type"] == "http.response.body":
                part = message.get("body", b"")
                sent["size"] += len(part)
                if sent["size"] <= LARGEST_ANSWER:  # a larger answer is sent, not kept
                    sent["parts"].append(part)
            await send(message)

        await self.app(scope, receive, keeping)
        state = scope.get("state", {})
        key, start = state.get("answer_key"), sent.get("start")
        if key is None or start is None or start["status"] != 200:
            return
        if 0 < sent["size"] <= LARGEST_ANSWER and "graphql" in state:
            answer = SentAnswer(start, b"".join(sent["parts"]), state["graphql"])
            self.cache.put(key, answer, sent["size"])
            question, position = key
            if state.get("answer_rows"):
                self._stand(question, StandingAnswer(position, state["answer_rows"], answer))
            self._documents[(asked.query, asked.operation)] = None
            self._documents.move_to_end((asked.query, asked.operation))
            while len(self._documents) > KNOWN_DOCUMENTS:
                self._documents.popitem(last=False)

    async def _carried(self, jurisdiction: str, key: AnswerKey) -> SentAnswer | None:
        """The question's standing answer relabelled at the key's checkpoint, when none
        of the rows it read changed since (api/carried_answers.py); kept there too."""
        question, position = key
        standing: StandingAnswer | None = self.cache.get(("standing", question))
        if standing is None or standing.position >= position:
            return None
        unchanged = functools.partial(
            self.router.application(jurisdiction).rows_unchanged,
            standing.rows, since=standing.position, upto=position,
        )  # fmt: skip
        try:
            if not await to_thread.run_sync(unchanged):
                return None
        except Exception:  # GraphQL reads afresh and meets any failure as it meets errors
            return None
        answer = relabelled(standing.answer, standing.position, position)
        self.cache.put(key, answer, len(answer.body))
        self._stand(question, replace(standing, position=position, answer=answer))
        return answer

    def _stand(self, question: Hashable, standing: StandingAnswer) -> None:
        """The question's answer to carry forward, unless a later one stands already;
        kept among the answers, so it counts against their count and bytes."""
        previous: StandingAnswer | None = self.cache.get(("standing", question))
        if previous is None or previous.position <= standing.position:
            self.cache.put(("standing", question), standing, len(standing.answer.body))

    def _jurisdiction(self, scope: Scope) -> str | None:
        """The jurisdiction of a GraphQL POST, None for any other request."""
        if scope["type"] != "http" or scope.get("method") != "POST":
            return None
        path: str = scope.get("path", "")
        if path == "/graphql":
            return self.router.served_code
        prefix, _, rest = path.partition("/j/")
        code, _, tail = rest.partition("/")
        return code if not prefix and code and tail == "graphql" else None

    def _question(self, jurisdiction: str, body: bytes, headers: Headers) -> Question | None:
        """The question a JSON body asks, None for any other body."""
        if headers.get("content-type", "").split(";")[0].strip().encode() != JSON:
            return None
        try:
            asked = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(asked, dict):
            return None
        query, operation = asked.get("query"), asked.get("operationName")
        variables = asked.get("variables")
        if not isinstance(query, str) or not isinstance(operation, str | None):
            return None
        if variables is not None and not isinstance(variables, dict):
            return None
        return Question(jurisdiction, query, operation, variables)

    def _reader(self, question: Question, headers: Headers) -> Actor | None:
        """The token's reader, when it may act in the jurisdiction and is no inspector
        (each of an inspector's reads is recorded, api/inspections.py)."""
        try:
            bearer = bearer_of(headers.get("authorization"), self.keys)
            self.router.check(bearer, question.jurisdiction)
        except DomainError:
            return None  # GraphQL refuses it with the error the client must see
        return None if bearer.actor.role is Role.INSPECTOR else bearer.actor

    async def _latest(self, jurisdiction: str) -> Checkpoint:
        found = self._checkpoints.get(jurisdiction)
        if found is None:
            application = self.router.application(jurisdiction)
            found = self._checkpoints[jurisdiction] = LatestCheckpoint(application.checkpoint)
        return await found.latest()


async def _send_kept(kept: SentAnswer, state: dict[str, Any], send: Send) -> None:
    state["graphql"] = dict(kept.graphql)
    await send({**kept.start, "headers": list(kept.start["headers"])})
    await send({"type": "http.response.body", "body": kept.body})


async def _received(receive: Receive) -> list[Message]:
    """The request's messages up to the end of its body (or its disconnection)."""
    messages = [await receive()]
    while messages[-1]["type"] == "http.request" and messages[-1].get("more_body", False):
        messages.append(await receive())
    return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """`receive` giving the messages already received first."""
    waiting = list(messages)

    async def replayed() -> Message:
        return waiting.pop(0) if waiting else await receive()

    return replayed
