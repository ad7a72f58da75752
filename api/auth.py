"""Bearer tokens: who is asking. A token's claims become the command's `Actor`; a client
never names the actor itself.

Claims: `sub` (user id), `role` (DOMAIN.md §1), `unit` (the unit's id, for role `unit`
only), `jurisdictions` (the codes of the jurisdictions it may act in; without it, the
served jurisdiction only: api/jurisdiction_routing.py), `aud`, `exp` and `iat`. A request
without a token is the anonymous public (社会群众), who may only submit an evaluation
with its evaluation token.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import jwt

from api.settings import TokenKeys
from domain.actors import Actor
from domain.errors import DomainError
from domain.vocabulary import Role

ANONYMOUS = Actor(user_id="public", role=Role.PUBLIC)
REQUIRED_CLAIMS = ("sub", "role", "exp", "iat", "aud")
JURISDICTION_CODE = re.compile(r"^[a-z0-9-]{1,64}$")
MAX_JURISDICTIONS = 100


@dataclass(frozen=True)
class Bearer:
    """Who is asking, and where: the jurisdictions the token names (None: it names none,
    so it acts in the served jurisdiction only)."""

    actor: Actor
    jurisdictions: frozenset[str] | None = None


class Unauthenticated(DomainError):  # noqa: N818 (named like the domain's errors)
    """The bearer token is missing its parts, forged, expired or for someone else."""

    code = "UNAUTHENTICATED"


def actor_of(authorization: str | None, keys: TokenKeys) -> Actor:
    """The actor an `Authorization` header names; anonymous when there is none."""
    return bearer_of(authorization, keys).actor


def bearer_of(authorization: str | None, keys: TokenKeys) -> Bearer:
    """The actor and jurisdictions an `Authorization` header names; the anonymous public
    (naming no jurisdiction) when there is none."""
    if authorization is None or not authorization.strip():
        return Bearer(ANONYMOUS)
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("use `Authorization: Bearer <token>`", field="authorization")
    claims = _claims(token.strip(), keys)
    return Bearer(_actor(claims), _jurisdictions(claims))


def verify(token: str, keys: TokenKeys) -> Actor:
    return _actor(_claims(token, keys))


def _claims(token: str, keys: TokenKeys) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            token,
            keys.key,
            algorithms=[keys.algorithm],  # pinned: the token's header does not choose
            audience=keys.audience,
            issuer=keys.issuer,
            options={"require": list(REQUIRED_CLAIMS)},
            leeway=30,
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired", field="authorization") from None
    except jwt.InvalidTokenError:
        # Which check failed helps an attacker more than a user: say only that it failed.
        raise Unauthenticated("the token is not valid", field="authorization") from None
    return claims


def _jurisdictions(claims: dict[str, Any]) -> frozenset[str] | None:
    named = claims.get("jurisdictions")
    if named is None:
        return None
    if (
        not isinstance(named, list)
        or not 1 <= len(named) <= MAX_JURISDICTIONS
        or not all(isinstance(code, str) and JURISDICTION_CODE.match(code) for code in named)
    ):
        raise Unauthenticated(
            "the token's jurisdictions are not a list of codes", field="authorization"
        )
    return frozenset(named)


def _actor(claims: dict[str, Any]) -> Actor:
    subject, role_name, unit = claims.get("sub"), claims.get("role"), claims.get("unit")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 100:
        raise Unauthenticated("the token names no user", field="authorization")
    try:
        role = Role(role_name)
    except ValueError:
        raise Unauthenticated("the token names no known role", field="authorization") from None
    if role is not Role.UNIT:
        return Actor(user_id=subject, role=role)
    try:
        return Actor(user_id=subject, role=role, unit_id=UUID(str(unit)))
    except ValueError:
        raise Unauthenticated("a unit user's token names its unit", field="authorization") from None


def mint(
    keys: TokenKeys,
    *,
    signing_key: str,
    user_id: str,
    role: Role,
    unit_id: UUID | None = None,
    jurisdictions: Sequence[str] | None = None,
    lifetime: timedelta = timedelta(hours=8),
    now: datetime | None = None,
) -> str:
    """A token for `user_id`, signed with `signing_key` (the secret, or the private key
    that matches the configured public key)."""
    if (role is Role.UNIT) != (unit_id is not None):
        raise ValueError("a unit user's token names its unit, and only theirs does")
    issued = now or datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": user_id,
        "role": str(role),
        "aud": keys.audience,
        "iat": issued,
        "exp": issued + lifetime,
    }
    if keys.issuer:
        claims["iss"] = keys.issuer
    if unit_id is not None:
        claims["unit"] = str(unit_id)
    if jurisdictions is not None:
        if not jurisdictions or not all(JURISDICTION_CODE.match(c) for c in jurisdictions):
            raise ValueError("jurisdictions are one or more codes (letters, digits, -)")
        claims["jurisdictions"] = sorted(set(jurisdictions))
    return jwt.encode(claims, signing_key, algorithm=keys.algorithm)
