"""The archive's standalone verifier shares no code with the service, so it is checked
against it: the same canonical bytes, roots and consistency answers, and Ed25519
verification that agrees with the `cryptography` package."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.integrity.chain import event_bytes
from domain.integrity.digest import LogDigest
from domain.integrity.merkle import consistency_proof, leaf_hash, tree_root, verify_consistency
from infrastructure.integrity import standalone_verify as standalone
from infrastructure.integrity.signing import Ed25519Signer, signature_holds

leaf_lists = st.lists(st.binary(max_size=6), min_size=1, max_size=40).map(
    lambda data: [leaf_hash(d) for d in data]
)


@given(
    st.integers(1, 2**62),
    st.uuids(),
    st.integers(1, 2**40),
    st.text(max_size=30),
    st.text(max_size=60),
)
def test_the_same_canonical_bytes(
    notification_id: int, originator: uuid.UUID, version: int, topic: str, state: str
) -> None:
    line = {
        "notification_id": notification_id,
        "originator_id": str(originator),
        "originator_version": version,
        "topic": topic,
        "state": state,
    }
    expected = event_bytes(notification_id, originator.bytes, version, topic, state.encode())
    assert standalone.canonical(line) == expected


@given(leaf_lists)
def test_the_same_root(leaves: list[bytes]) -> None:
    assert standalone.root_of(leaves) == tree_root(leaves)


@given(leaf_lists, st.data())
def test_the_same_consistency_answers(leaves: list[bytes], data: st.DataObject) -> None:
    first = data.draw(st.integers(1, len(leaves)))
    proof = consistency_proof(leaves, first)
    old_root = data.draw(st.sampled_from([tree_root(leaves[:first]), leaf_hash(b"other")]))
    args = (first, len(leaves), old_root, tree_root(leaves), proof)
    assert standalone.consistent(*args) == verify_consistency(*args)


@settings(max_examples=20, deadline=None)  # pure-Python curve arithmetic is slow
@given(st.integers(1, 10**6), st.binary(min_size=32, max_size=32), st.integers(0, 511))
def test_ed25519_verification_agrees_with_cryptography(size: int, root: bytes, bit: int) -> None:
    signer = Ed25519Signer.generate()
    digest = LogDigest(
        tree_size=size, last_notification_id=size, root=root.hex(), chain_head=root[::-1].hex()
    )
    signature = signer.sign(digest)
    message, raw = digest.signed_bytes(), bytes.fromhex(signature.signature)
    assert standalone.digest_bytes(digest.model_dump()) == message
    assert standalone.ed25519_verify(signer.public_key, message, raw)
    flipped = bytearray(raw)
    flipped[bit // 8] ^= 1 << (bit % 8)
    forged = signature.model_copy(update={"signature": bytes(flipped).hex()})
    assert standalone.ed25519_verify(signer.public_key, message, bytes(flipped)) is False
    assert signature_holds(digest, forged) is False
    other = LogDigest(
        **(digest.model_dump() | {"tree_size": size + 1, "last_notification_id": size + 1})
    )
    assert not standalone.ed25519_verify(signer.public_key, other.signed_bytes(), raw)
