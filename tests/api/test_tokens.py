"""Bearer tokens: the claims become the actor; anything forged, expired, for another
audience or signed with another algorithm is refused. `dukao token` mints them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from typer.testing import CliRunner

from api.auth import ANONYMOUS, Unauthenticated, actor_of, mint, verify
from api.settings import DEVELOPMENT_SECRET, ApiSettings, TokenKeys
from domain.actors import Actor
from domain.vocabulary import Role
from infrastructure.cli import cli

KEYS = TokenKeys("HS256", "s" * 40)
UNIT = uuid.UUID("6f1d0c8e-3b1e-5d7a-9c55-2f0e1a9b7c11")


def test_the_claims_become_the_actor() -> None:
    token = mint(KEYS, signing_key=KEYS.key, user_id="filler-1", role=Role.UNIT, unit_id=UNIT)
    assert verify(token, KEYS) == Actor(user_id="filler-1", role=Role.UNIT, unit_id=UNIT)
    assert actor_of(f"Bearer {token}", KEYS).unit_id == UNIT
    assert actor_of(None, KEYS) == ANONYMOUS


def claims(**changes: object) -> dict[str, object]:
    now = datetime.now(UTC)
    base: dict[str, object] = {
        "sub": "office-li",
        "role": "assessment_office",
        "aud": "dukao",
        "iat": now,
        "exp": now + timedelta(hours=1),
    }
    return {k: v for k, v in (base | changes).items() if v is not None}


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (jwt.encode(claims(exp=datetime.now(UTC) - timedelta(hours=1)), KEYS.key), "expired"),
        (jwt.encode(claims(), "another secret of forty characters......"), "not valid"),
        (jwt.encode(claims(aud="someone-else"), KEYS.key), "not valid"),
        (jwt.encode(claims(exp=None), KEYS.key), "not valid"),
        (jwt.encode(claims(), KEYS.key, algorithm="HS512"), "not valid"),
        (jwt.encode(claims(), None, algorithm="none"), "not valid"),
        (jwt.encode(claims(role="admin"), KEYS.key), "no known role"),
        (jwt.encode(claims(sub=""), KEYS.key), "no user"),
        (jwt.encode(claims(role="unit"), KEYS.key), "names its unit"),
    ],
)
def test_a_bad_token_is_refused(token: str, message: str) -> None:
    with pytest.raises(Unauthenticated) as refused:
        verify(token, KEYS)
    assert message in refused.value.message
    assert refused.value.field == "authorization"


def test_a_public_key_verifies_only_its_own_algorithm() -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    env = {"DUKAO_JWT_PUBLIC_KEY": pem.decode(), "DUKAO_JWT_ALGORITHM": "ES256"}
    keys = ApiSettings.from_env(env).keys
    signed = jwt.encode(claims(), private, algorithm="ES256")
    assert verify(signed, keys).role is Role.ASSESSMENT_OFFICE
    # The public key as an HMAC secret: the classic algorithm confusion, refused.
    with pytest.raises(Unauthenticated):
        verify(jwt.encode(claims(), "x" * 40, algorithm="HS256"), keys)


def test_production_refuses_a_weak_or_missing_key() -> None:
    with pytest.raises(ValueError, match="production needs"):
        ApiSettings.from_env({"DUKAO_ENV": "production"})
    with pytest.raises(ValueError, match="32"):
        ApiSettings.from_env({"DUKAO_ENV": "production", "DUKAO_JWT_SECRET": DEVELOPMENT_SECRET})
    with pytest.raises(ValueError, match="not both"):
        ApiSettings.from_env({"DUKAO_JWT_SECRET": "a" * 40, "DUKAO_JWT_PUBLIC_KEY": "pem"})
    production = ApiSettings.from_env({"DUKAO_ENV": "production", "DUKAO_JWT_SECRET": "k" * 40})
    assert (production.introspection, production.graphiql) == (False, False)


def test_the_cli_mints_a_token_the_server_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUKAO_JWT_SECRET", "c" * 40)
    result = CliRunner().invoke(cli, ["token", "unit", "filler-9", "--unit", str(UNIT)])
    assert result.exit_code == 0, result.output
    keys = ApiSettings.from_env().keys
    assert verify(result.output.strip(), keys) == Actor(
        user_id="filler-9", role=Role.UNIT, unit_id=UNIT
    )
    refused = CliRunner().invoke(cli, ["token", "unit", "filler-9"])
    assert refused.exit_code == 1
    assert "names its unit" in refused.output
