"""Digests of the log: published by the office as an event (signed when a key is set),
refused with a stable code and field for bad input or a broken log — storing nothing —
and proven per event and between sizes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from application.app import AssessmentApplication
from domain import errors
from domain.integrity.digest import key_id
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer, signature_holds
from infrastructure.settings import Settings
from tests.builders import INSPECTOR, OFFICE, REVIEWER, enrolled_unit, open_year
from tests.scenarios import assert_rejected, event_count
from tests.tamper import Tamperer

SIGNER = Ed25519Signer.generate()


@pytest.fixture
def signed(store_url: str, clock: ManualClock) -> Iterator[AssessmentApplication]:
    env = {KEY_VARIABLE: SIGNER.private_hex()}
    app = build_application(Settings(store_url), clock=clock, ids=SeededIds(5), extra_env=env)
    open_year(app)
    enrolled_unit(app, "T01")
    yield app
    app.close()


def test_the_office_publishes_a_signed_digest_of_the_whole_log(
    signed: AssessmentApplication,
) -> None:
    size = event_count(signed)

    published = signed.publish_log_digest(by=OFFICE)

    assert published.digest.tree_size == size
    assert published.digest.last_notification_id == size
    assert published.digest == signed.log_digest(size=size)
    assert published.signature is not None
    assert published.signature.key_id == key_id(SIGNER.public_key)
    assert signature_holds(published.digest, published.signature)
    (stored,) = signed.published_digests()
    assert stored.notification_id == size + 1
    assert (stored.digest, stored.signature) == (published.digest, published.signature)
    meta = signed.mapper.to_domain_event(
        signed.recorder.select_notifications(start=size + 1, limit=1)[0]
    ).meta  # type: ignore[attr-defined]
    assert (meta.actor_id, meta.actor_role) == (OFFICE.user_id, OFFICE.role)


def test_without_a_key_the_digest_is_unsigned(app: AssessmentApplication) -> None:
    open_year(app)
    assert app.publish_log_digest(by=OFFICE).signature is None


@pytest.mark.parametrize("actor", [INSPECTOR, REVIEWER], ids=["inspector", "reviewer"])
def test_only_the_office_publishes(signed: AssessmentApplication, actor: object) -> None:
    assert_rejected(
        signed,
        errors.Forbidden,
        "by.role",
        lambda: signed.publish_log_digest(by=actor),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("size", [0, -1, 10_000])
def test_a_size_outside_the_log_is_refused(signed: AssessmentApplication, size: int) -> None:
    assert_rejected(
        signed, errors.InvalidInput, "size", lambda: signed.publish_log_digest(by=OFFICE, size=size)
    )


def test_a_size_is_published_once(signed: AssessmentApplication) -> None:
    signed.publish_log_digest(by=OFFICE, size=3)
    assert_rejected(
        signed,
        errors.AlreadyExists,
        "size",
        lambda: signed.publish_log_digest(by=OFFICE, size=3),
    )
    assert [p.digest.tree_size for p in signed.published_digests()] == [3]


def test_a_repeated_request_publishes_once(signed: AssessmentApplication) -> None:
    first = signed.publish_log_digest(by=OFFICE, idempotency_key="digest-1")
    again = signed.publish_log_digest(by=OFFICE, idempotency_key="digest-1")
    assert again == first
    assert len(signed.published_digests()) == 1


def test_no_digest_is_published_over_a_broken_log(
    signed: AssessmentApplication, store_url: str
) -> None:
    tamperer = Tamperer(store_url)
    tamperer.change_payload(2)
    tamperer.close()

    error = assert_rejected(
        signed, errors.LogIntegrityBroken, "log", lambda: signed.publish_log_digest(by=OFFICE)
    )
    assert "notification id 2" in str(error)
    # A prefix before the break still verifies and may be published.
    assert signed.publish_log_digest(by=OFFICE, size=1).digest.tree_size == 1


def test_every_event_has_an_inclusion_proof_that_verifies(signed: AssessmentApplication) -> None:
    signed.publish_log_digest(by=OFFICE)
    root = signed.log_digest().root
    for notification_id in range(1, event_count(signed) + 1):
        proof = signed.inclusion_proof(notification_id=notification_id)
        assert proof.verifies()
        assert proof.root == root
        assert proof.leaf_index == notification_id - 1
    earlier = signed.inclusion_proof(notification_id=2, size=3)
    assert earlier.tree_size == 3
    assert earlier.verifies()
    tampered = earlier.model_copy(update={"leaf_index": 0})
    assert not tampered.verifies()


def test_a_proof_for_an_event_outside_the_tree_is_refused(signed: AssessmentApplication) -> None:
    with pytest.raises(errors.NotFound) as caught:
        signed.inclusion_proof(notification_id=event_count(signed) + 5)
    assert caught.value.field == "notification_id"
    with pytest.raises(errors.NotFound):
        signed.inclusion_proof(notification_id=4, size=3)


def test_two_published_digests_are_proven_consistent(signed: AssessmentApplication) -> None:
    first = signed.publish_log_digest(by=OFFICE).digest
    enrolled_unit(signed, "T02")
    second = signed.publish_log_digest(by=OFFICE).digest

    proof = signed.consistency_proof(first=first.tree_size, second=second.tree_size)

    assert proof.verifies()
    assert (proof.first_root, proof.second_root) == (first.root, second.root)
    with pytest.raises(errors.InvalidInput) as caught:
        signed.consistency_proof(first=second.tree_size + 1, second=second.tree_size)
    assert caught.value.field == "first"
