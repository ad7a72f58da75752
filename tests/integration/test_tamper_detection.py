"""Tampering behind the application's back — a changed payload, a deleted row, an
inserted row, two rows swapped — is detected every time, on both stores, and the
verification names the first broken record. An attacker who also recomputes the chain
is caught by the signed digest published before, and by a digest kept outside."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest

from application.app import AssessmentApplication
from domain.integrity.digest import LogDigest
from domain.integrity.verification import Broken
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer
from infrastructure.integrity.verify import VerifyReport, verify_store
from infrastructure.settings import Settings
from tests.builders import OFFICE, enrolled_unit, open_year
from tests.scenarios import event_count
from tests.tamper import Tamperer

SIGNER = Ed25519Signer.generate()
TOPIC = "domain.unit:Unit.Registered"


@pytest.fixture
def logged(store_url: str, clock: ManualClock) -> Iterator[tuple[AssessmentApplication, LogDigest]]:
    """A year with three units, a signed digest published over it, and the digest an
    inspector computed afterwards and kept outside the store."""
    env = {KEY_VARIABLE: SIGNER.private_hex()}
    app = build_application(Settings(store_url), clock=clock, ids=SeededIds(3), extra_env=env)
    open_year(app)
    for code in ("T01", "T02", "D01"):
        enrolled_unit(app, code)
    app.publish_log_digest(by=OFFICE)
    kept = app.log_digest()
    assert verify_store(app, [kept]).intact
    yield app, kept
    app.close()


def tampered(store_url: str, change: Callable[[Tamperer], None]) -> None:
    tamperer = Tamperer(store_url)
    try:
        change(tamperer)
    finally:
        tamperer.close()


def first(report: VerifyReport) -> tuple[Broken, int]:
    assert not report.intact
    return report.problems[0].code, report.problems[0].notification_id


def test_a_changed_payload_is_named(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str
) -> None:
    app, kept = logged
    for target in (1, event_count(app) // 2, event_count(app)):
        tampered(store_url, lambda t, n=target: t.change_payload(n))
        assert first(verify_store(app, [kept])) == (Broken.HASH_MISMATCH, 1)
    # Every changed record is listed, the first named first.
    codes = [(p.code, p.notification_id) for p in verify_store(app).problems]
    assert codes[:2] == [(Broken.HASH_MISMATCH, 1), (Broken.HASH_MISMATCH, event_count(app) // 2)]


@pytest.mark.parametrize("where", ["first", "middle"])
def test_a_deleted_row_breaks_the_record_after_it(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str, where: str
) -> None:
    app, kept = logged
    target = 1 if where == "first" else event_count(app) // 2
    tampered(store_url, lambda t: t.delete_row(target))

    report = verify_store(app, [kept])
    assert first(report) == (Broken.HASH_MISMATCH, target + 1)
    assert "removed" in report.problems[0].message


def test_a_deleted_last_row_is_caught_by_the_kept_digest(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str
) -> None:
    app, kept = logged
    last = event_count(app)  # the digest event itself
    tampered(store_url, lambda t: t.delete_row(last))

    assert verify_store(app).intact  # a shorter chain is still a chain …
    assert first(verify_store(app, [kept])) == (Broken.DIGEST_BEYOND_LOG, last)  # … not this one


def test_an_event_deleted_without_its_hash_is_named(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str
) -> None:
    app, _ = logged
    tampered(store_url, lambda t: t.run("DELETE FROM {events} WHERE {id} = 4"))

    assert first(verify_store(app)) == (Broken.EVENT_MISSING, 4)


@pytest.mark.parametrize("where", ["first", "middle"])
def test_an_inserted_row_breaks_the_record_after_it(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str, where: str
) -> None:
    app, kept = logged
    after = 1 if where == "first" else event_count(app) // 2
    tampered(store_url, lambda t: t.insert_row_after(after, uuid.uuid4().bytes, TOPIC))

    # The forged row's own hash was computed correctly; the next link cannot be.
    assert first(verify_store(app, [kept])) == (Broken.HASH_MISMATCH, after + 2)


def test_an_event_appended_without_a_hash_is_named(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str
) -> None:
    app, _ = logged
    last = event_count(app)
    originator = uuid.uuid4()
    tampered(
        store_url,
        lambda t: t.run(
            "INSERT INTO {events} ({id}, originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, 1, %s, %s)",
            [last + 1, originator if t.postgres else originator.hex, TOPIC, b"{}"],
        ),
    )

    assert first(verify_store(app)) == (Broken.EVENT_UNCHAINED, last + 1)


@pytest.mark.parametrize("pair", ["first and middle", "neighbours", "middle and last"])
def test_two_swapped_rows_break_at_the_first(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str, pair: str
) -> None:
    app, kept = logged
    n = event_count(app)
    a, b = {"first and middle": (1, n // 2), "neighbours": (3, 4), "middle and last": (n // 2, n)}[
        pair
    ]
    tampered(store_url, lambda t: t.swap_rows(a, b))

    assert first(verify_store(app, [kept])) == (Broken.HASH_MISMATCH, a)


TAMPERS: dict[str, Callable[[Tamperer, int], None]] = {
    "changed payload": lambda t, n: t.change_payload(n // 2),
    "deleted row": lambda t, n: t.delete_row(n // 2),
    "inserted row": lambda t, n: t.insert_row_after(n // 2, uuid.uuid4().bytes, TOPIC),
    "swapped rows": lambda t, n: t.swap_rows(2, n // 2),
}


@pytest.mark.parametrize("tamper", list(TAMPERS))
def test_a_recomputed_chain_is_caught_by_the_signed_digest_and_the_kept_one(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str, tamper: str
) -> None:
    app, kept = logged
    n = event_count(app)
    tampered(store_url, lambda t: TAMPERS[tamper](t, n))
    tampered(store_url, lambda t: t.rechain(app))

    report = verify_store(app, [kept])
    # The chain is whole again; only the digests can tell (a deleted row also
    # leaves the kept digest beyond the log's end).
    codes = {p.code for p in report.problems}
    assert Broken.DIGEST_MISMATCH in codes
    assert codes <= {Broken.DIGEST_MISMATCH, Broken.DIGEST_BEYOND_LOG}
    messages = " | ".join(p.message for p in report.problems)
    assert "digest published at notification id" in messages
    assert "kept outside" in messages


def test_a_forged_digest_fails_its_signature(
    logged: tuple[AssessmentApplication, LogDigest], store_url: str
) -> None:
    app, kept = logged
    n = event_count(app)

    def forge(t: Tamperer) -> None:
        t.change_payload(2)
        t.rechain(app)
        (state,) = t.run("SELECT state FROM {events} WHERE {id} = %s", [n])[0]
        root = bytes(state).split(b'"root":"', 1)[1][:64]
        t.run(
            "UPDATE {events} SET state = %s WHERE {id} = %s",
            [bytes(state).replace(root, b"0" * 64), n],
        )
        t.rechain(app)

    tampered(store_url, forge)

    codes = [p.code for p in verify_store(app, [kept]).problems]
    assert Broken.SIGNATURE_INVALID in codes
    assert Broken.DIGEST_MISMATCH in codes  # the kept digest still disagrees
