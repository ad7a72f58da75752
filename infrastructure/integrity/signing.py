"""Ed25519 signatures over log digests (domain/integrity/digest.py), with the key from
the environment.

DUKAO_DIGEST_SIGNING_KEY holds the private key: a PEM (PKCS#8) document, as
`openssl genpkey -algorithm ed25519` writes it, or its 32 raw bytes as 64 hex digits.
Without it digests are published unsigned.
"""

from __future__ import annotations

import os
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from domain.integrity.digest import DigestSignature, LogDigest, key_id

KEY_VARIABLE = "DUKAO_DIGEST_SIGNING_KEY"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class Ed25519Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self.public_key = private_key.public_key().public_bytes(*_RAW)
        self.key_id = key_id(self.public_key)

    @classmethod
    def generate(cls) -> Ed25519Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_text(cls, text: str) -> Ed25519Signer:
        text = text.strip()
        if re.fullmatch(r"[0-9a-fA-F]{64}", text):
            return cls(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text)))
        try:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"{KEY_VARIABLE}: not an Ed25519 PEM private key nor 64 hex digits ({exc})"
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{KEY_VARIABLE}: the PEM key is not an Ed25519 key")
        return cls(key)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Ed25519Signer | None:
        text = (os.environ if env is None else env).get(KEY_VARIABLE, "")
        return cls.from_text(text) if text.strip() else None

    def private_hex(self) -> str:
        raw = serialization.Encoding.Raw, serialization.PrivateFormat.Raw
        return self._key.private_bytes(*raw, serialization.NoEncryption()).hex()

    def sign(self, digest: LogDigest) -> DigestSignature:
        return DigestSignature(
            key_id=self.key_id,
            public_key=self.public_key.hex(),
            signature=self._key.sign(digest.signed_bytes()).hex(),
        )


def signature_holds(digest: LogDigest, signature: DigestSignature) -> bool:
    """Does the signature verify under the public key it names (and is that its id)?"""
    public = bytes.fromhex(signature.public_key)
    if key_id(public) != signature.key_id:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(
            bytes.fromhex(signature.signature), digest.signed_bytes()
        )
    except (InvalidSignature, ValueError):
        return False
    return True
