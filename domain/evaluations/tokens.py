"""Anonymous evaluation tokens of the public (群众满意度, seed 001: scan a QR code, no
registration). A token is 256 random bits; only its sha256 is ever stored, and a public
ballot's event names no person, request or unit: only the token's hash."""

from __future__ import annotations

import hashlib
import re
import secrets

from domain.events import Stamp
from domain.vocabulary import Role

TOKEN_BYTES = 32
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,128}$")
PUBLIC_EVALUATOR = "public"


def new_tokens(count: int) -> list[str]:
    """Fresh tokens, URL-safe, for printing as QR codes; never stored as they are."""
    return [secrets.token_urlsafe(TOKEN_BYTES) for _ in range(count)]


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_token_shaped(token: str) -> bool:
    return bool(_SHAPE.match(token))


def anonymous(stamp: Stamp) -> Stamp:
    """The stamp a public ballot is recorded with: its time, and nothing of who sent it
    (no user id, unit or correlation id that logs could tie to a person)."""
    return Stamp(actor_id=PUBLIC_EVALUATOR, actor_role=Role.PUBLIC, at=stamp.at)
