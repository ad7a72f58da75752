"""A digest's publication checks its own form, and the signing key from the environment
is read or refused with the variable's name."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain import errors
from domain.integrity.digest import DigestSignature, LogDigest, LogDigestRecord
from domain.vocabulary import Role
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer, signature_holds
from tests.unit.helpers import office, refused, stamp

GOOD = LogDigest(tree_size=3, last_notification_id=4, root="ab" * 32, chain_head="cd" * 32)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tree_size": 0}, "size"),
        ({"last_notification_id": 2}, "last_notification_id"),
        ({"root": "AB" * 32}, "root"),
        ({"chain_head": "cd" * 31}, "chain_head"),
    ],
)
def test_a_malformed_digest_is_refused(change: dict[str, object], field: str) -> None:
    with refused(None, errors.InvalidInput, "INVALID_INPUT", field):
        LogDigestRecord.publish(
            digest=GOOD.model_copy(update=change), signature=None, stamp=office()
        )


def test_a_signature_must_name_its_key() -> None:
    signature = Ed25519Signer.generate().sign(GOOD)
    wrong = signature.model_copy(update={"key_id": "0" * 16})
    with refused(None, errors.InvalidInput, "INVALID_INPUT", "signature.key_id"):
        LogDigestRecord.publish(digest=GOOD, signature=wrong, stamp=office())
    record = LogDigestRecord.publish(digest=GOOD, signature=signature, stamp=office())
    assert (record.digest, record.signature) == (GOOD, signature)


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.UNIT, Role.LEADER])
def test_only_the_office_publishes(role: Role) -> None:
    with refused(None, errors.Forbidden, "FORBIDDEN", "by.role"):
        LogDigestRecord.publish(digest=GOOD, signature=None, stamp=stamp(role))


def test_the_key_is_read_as_pem_or_hex() -> None:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    from_pem = Ed25519Signer.from_env({KEY_VARIABLE: pem})
    assert from_pem is not None
    from_hex = Ed25519Signer.from_text(from_pem.private_hex())
    assert from_hex.key_id == from_pem.key_id
    assert signature_holds(GOOD, from_hex.sign(GOOD))
    assert Ed25519Signer.from_env({}) is None


@pytest.mark.parametrize("text", ["not a key", "ab" * 31, "other"])
def test_a_bad_key_names_the_variable(text: str) -> None:
    if text == "other":
        text = (
            generate_private_key(SECP256R1())
            .private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            .decode()
        )
    with pytest.raises(ValueError, match=KEY_VARIABLE):
        Ed25519Signer.from_text(text)


def test_a_signature_over_another_digest_does_not_hold() -> None:
    signature: DigestSignature = Ed25519Signer.generate().sign(GOOD)
    assert not signature_holds(GOOD.model_copy(update={"tree_size": 4}), signature)
