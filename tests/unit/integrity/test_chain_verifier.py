"""The chain verifier, on logs made in memory: an intact log verifies, and any single
tamper is found at the record it breaks."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from domain.integrity.chain import GENESIS, LogRow, event_bytes, link
from domain.integrity.digest import LogDigest
from domain.integrity.merkle import leaf_hash, tree_root
from domain.integrity.verification import Broken, ChainVerifier

TOPIC = "domain.unit:Unit.Registered"


def chained(states: list[bytes]) -> list[LogRow]:
    rows: list[LogRow] = []
    head = GENESIS
    for number, state in enumerate(states, 1):
        originator = uuid.UUID(int=number).bytes
        canonical = event_bytes(number, originator, 1, TOPIC, state)
        head = link(head, canonical)
        rows.append((number, canonical, head))
    return rows


def problems(
    rows: list[LogRow], *digests: LogDigest, orphans: dict[int, bytes] | None = None
) -> list[tuple[Broken, int]]:
    """What the verifier finds; `orphans` are chain hashes left without their event."""
    left = orphans or {}
    verifier = ChainVerifier(
        orphans=lambda low, high: [(n, h) for n, h in sorted(left.items()) if low < n < high]
    )
    for digest in digests:
        verifier.expect(0, digest)
    verifier.feed(rows)
    return [(p.code, p.notification_id) for p in verifier.finish()]


logs = st.lists(st.binary(min_size=1, max_size=20), min_size=2, max_size=30)


def test_the_canonical_bytes_have_fixed_widths_and_length_prefixes() -> None:
    data = event_bytes(1, bytes(range(16)), 2, "t", b"ab")
    assert data == (
        (1).to_bytes(8, "big") + bytes(range(16)) + (2).to_bytes(8, "big")
        + (1).to_bytes(4, "big") + b"t" + (2).to_bytes(4, "big") + b"ab"
    )  # fmt: skip
    # Moving a byte from the topic into the state changes the bytes.
    assert event_bytes(1, bytes(16), 1, "ab", b"c") != event_bytes(1, bytes(16), 1, "a", b"bc")


@given(logs)
def test_an_intact_log_verifies_and_gives_the_tree_of_its_leaves(states: list[bytes]) -> None:
    rows = chained(states)
    verifier = ChainVerifier()
    verifier.feed(rows)
    assert verifier.finish() == []
    assert verifier.head == rows[-1][2]
    assert verifier.tree.root() == tree_root([leaf_hash(r[1]) for r in rows])


@given(logs, st.data())
def test_a_changed_state_is_named(states: list[bytes], data: st.DataObject) -> None:
    rows = chained(states)
    k = data.draw(st.integers(0, len(rows) - 1))
    n, canonical, stored = rows[k]
    assert canonical is not None
    rows[k] = (n, canonical + b"!", stored)
    assert problems(rows)[0] == (Broken.HASH_MISMATCH, n)


@given(logs, st.data())
def test_a_removed_record_breaks_the_next(states: list[bytes], data: st.DataObject) -> None:
    rows = chained(states)
    k = data.draw(st.integers(0, len(rows) - 2))
    del rows[k]
    assert problems(rows)[0] == (Broken.HASH_MISMATCH, k + 2)


@given(logs, st.data())
def test_swapped_records_break_at_the_first(states: list[bytes], data: st.DataObject) -> None:
    rows = chained(states)
    a = data.draw(st.integers(0, len(rows) - 2))
    b = data.draw(st.integers(a + 1, len(rows) - 1))
    # The rows trade places: each keeps its number's hash but not its content.
    (na, bytes_a, ha), (nb, bytes_b, hb) = rows[a], rows[b]
    rows[a], rows[b] = (na, bytes_b, ha), (nb, bytes_a, hb)
    assert problems(rows)[0] == (Broken.HASH_MISMATCH, na)


def test_unchained_events_and_orphan_hashes_are_named() -> None:
    rows = chained([b"a", b"b", b"c"])
    n, canonical, _ = rows[1]
    # The hash the next record followed is gone with it, so that link breaks too.
    assert problems([rows[0], (n, canonical, None), rows[2]]) == [
        (Broken.EVENT_UNCHAINED, 2),
        (Broken.HASH_MISMATCH, 3),
    ]
    # An event deleted without its hash: only it is named, the next link holds.
    left = rows[1][2]
    assert left is not None
    assert problems([rows[0], rows[2]], orphans={2: left}) == [(Broken.EVENT_MISSING, 2)]
    last = rows[2][2]
    assert last is not None
    assert problems(rows[:2], orphans={3: last}) == [(Broken.EVENT_MISSING, 3)]


def test_digests_are_checked_at_their_size() -> None:
    rows = chained([b"a", b"b", b"c"])
    leaves = [leaf_hash(r[1]) for r in rows[:2]]
    good = LogDigest(
        tree_size=2,
        last_notification_id=2,
        root=tree_root(leaves).hex(),
        chain_head=rows[1][2].hex(),  # type: ignore[union-attr]
    )
    assert problems(rows, good) == []
    wrong = good.model_copy(update={"root": "0" * 64})
    assert problems(rows, wrong) == [(Broken.DIGEST_MISMATCH, 2)]
    beyond = good.model_copy(update={"tree_size": 4, "last_notification_id": 4})
    assert problems(rows, beyond) == [(Broken.DIGEST_BEYOND_LOG, 4)]
