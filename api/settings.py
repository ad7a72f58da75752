"""How the API is exposed, from the environment: development or production, the bearer
token keys, and the limits every request is held to.

DUKAO_ENV                 development (default) | production
DUKAO_JWT_SECRET          HMAC secret: tokens are HS256
DUKAO_JWT_PUBLIC_KEY      PEM public key (or a path to one): tokens are signed by an
                          identity provider with DUKAO_JWT_ALGORITHM (default RS256)
DUKAO_JWT_AUDIENCE        the `aud` every token must carry (default `dukao`)
DUKAO_JWT_ISSUER          the `iss` every token must carry, when set
DUKAO_API_MAX_BODY_BYTES  largest request body (default 4 MiB: an imported table fits)
DUKAO_API_MAX_DEPTH / DUKAO_API_MAX_TOKENS / DUKAO_API_MAX_ALIASES   query limits
DUKAO_API_INTROSPECTION   on|off; off by default in production
DUKAO_API_ANSWERS_CACHED  view-query answers kept by checkpoint (default 1024; 0: none,
                          api/response_cache.py)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Known to everyone, so accepted only in development: a production server refuses it.
DEVELOPMENT_SECRET = "dukao-development-secret-not-for-production"
ASYMMETRIC = frozenset({"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "EdDSA"})


@dataclass(frozen=True)
class TokenKeys:
    """What verifies a bearer token: one key and the one algorithm it is used with."""

    algorithm: str
    key: str
    audience: str = "dukao"
    issuer: str | None = None


@dataclass(frozen=True)
class ApiSettings:
    production: bool = False
    keys: TokenKeys = TokenKeys("HS256", DEVELOPMENT_SECRET)
    max_body_bytes: int = 4 * 1024 * 1024
    max_depth: int = 10
    max_tokens: int = 2000
    max_aliases: int = 15
    introspection: bool = True
    answers_cached: int = 1024

    @property
    def graphiql(self) -> bool:
        return not self.production

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ApiSettings:
        env = os.environ if env is None else env
        mode = env.get("DUKAO_ENV", "development")
        if mode not in ("development", "production"):
            raise ValueError("DUKAO_ENV must be development or production")
        production = mode == "production"
        introspection = env.get("DUKAO_API_INTROSPECTION", "off" if production else "on")
        if introspection not in ("on", "off"):
            raise ValueError("DUKAO_API_INTROSPECTION must be on or off")
        return cls(
            production=production,
            keys=_keys(env, production),
            max_body_bytes=_positive(env, "DUKAO_API_MAX_BODY_BYTES", cls.max_body_bytes),
            max_depth=_positive(env, "DUKAO_API_MAX_DEPTH", cls.max_depth),
            max_tokens=_positive(env, "DUKAO_API_MAX_TOKENS", cls.max_tokens),
            max_aliases=_positive(env, "DUKAO_API_MAX_ALIASES", cls.max_aliases),
            introspection=introspection == "on",
            answers_cached=_count(env, "DUKAO_API_ANSWERS_CACHED", cls.answers_cached),
        )


def _keys(env: Mapping[str, str], production: bool) -> TokenKeys:
    secret, public = env.get("DUKAO_JWT_SECRET"), env.get("DUKAO_JWT_PUBLIC_KEY")
    audience = env.get("DUKAO_JWT_AUDIENCE", "dukao")
    issuer = env.get("DUKAO_JWT_ISSUER") or None
    if secret and public:
        # One key, one algorithm: never a choice an attacker's token header could make.
        raise ValueError("set DUKAO_JWT_SECRET or DUKAO_JWT_PUBLIC_KEY, not both")
    if public:
        algorithm = env.get("DUKAO_JWT_ALGORITHM", "RS256")
        if algorithm not in ASYMMETRIC:
            raise ValueError(f"DUKAO_JWT_ALGORITHM must be one of {', '.join(sorted(ASYMMETRIC))}")
        return TokenKeys(algorithm, _pem(public), audience, issuer)
    if secret:
        if production and (secret == DEVELOPMENT_SECRET or len(secret) < 32):
            raise ValueError("DUKAO_JWT_SECRET: production needs a secret of 32+ characters")
        return TokenKeys("HS256", secret, audience, issuer)
    if production:
        raise ValueError("production needs DUKAO_JWT_SECRET or DUKAO_JWT_PUBLIC_KEY")
    return TokenKeys("HS256", DEVELOPMENT_SECRET, audience, issuer)


def _pem(value: str) -> str:
    if value.lstrip().startswith("-----BEGIN"):
        return value
    return Path(value).read_text("utf-8")


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name)
    if text is None:
        return default
    if not text.isdigit():
        raise ValueError(f"{name} must be a whole number (0: none)")
    return int(text)


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name)
    if text is None:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a positive integer")
    return int(text)
