"""The Merkle tree over the event log, as RFC 6962 §2.1 / RFC 9162 §2.1 define it.

Leaves are the events' canonical bytes (chain.py), in log order; a tree of size n holds
the first n events of the log.

    leaf hash  = SHA-256(0x00 || leaf bytes)
    node hash  = SHA-256(0x01 || left || right)
    MTH(D[n])  = for n > 1, with k the largest power of two below n:
                 node(MTH(D[0:k]), MTH(D[k:n]))

Proofs are RFC 9162's audit paths (inclusion, §2.1.3) and consistency proofs (§2.1.4);
the verifiers below are the RFC's algorithms step by step, independent of how the
proofs were made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class MerkleAccumulator:
    """The root of a growing tree in O(log n) memory: the perfect subtrees of the leaves
    so far (a binary counter), folded right to left — which is MTH's split rule."""

    def __init__(self) -> None:
        self.size = 0
        self._subtrees: list[tuple[int, bytes]] = []  # (leaves, hash), sizes falling

    def add(self, leaf: bytes) -> None:
        """Add a leaf by its leaf hash."""
        self.size += 1
        self._push(1, leaf)

    def extend(self, leaves: Sequence[bytes]) -> None:
        """Add many leaf hashes: where the tree's size allows, a whole perfect subtree
        of them at once, hashed level by level (the verifier's hot path)."""
        at = 0
        while at < len(leaves):
            width = _perfect_width(self.size, len(leaves) - at)
            if width == 1:
                self.add(leaves[at])
                at += 1
                continue
            level = leaves[at : at + width]
            while len(level) > 1:
                level = [node_hash(a, b) for a, b in zip(level[::2], level[1::2], strict=True)]
            self.size += width
            self._push(width, level[0])
            at += width

    def _push(self, count: int, subtree: bytes) -> None:
        stack = self._subtrees
        stack.append((count, subtree))
        while len(stack) > 1 and stack[-1][0] == stack[-2][0]:
            (width, right), (_, left) = stack.pop(), stack.pop()
            stack.append((width * 2, node_hash(left, right)))

    def root(self) -> bytes:
        if not self._subtrees:
            return EMPTY_ROOT
        root = self._subtrees[-1][1]
        for _, left in reversed(self._subtrees[:-1]):
            root = node_hash(left, root)
        return root


def _perfect_width(size: int, available: int) -> int:
    """The widest perfect subtree that can follow `size` leaves: a power of two that
    divides `size` (any, for an empty tree) and is at most `available`."""
    width = 1
    while width * 2 <= available and (size % (width * 2) == 0):
        width *= 2
    return width


def tree_root(leaves: Iterable[bytes]) -> bytes:
    """MTH of the leaf hashes."""
    tree = MerkleAccumulator()
    for leaf in leaves:
        tree.add(leaf)
    return tree.root()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """PATH(index, D[n]) for the tree of all `leaves` (leaf hashes)."""
    if not 0 <= index < len(leaves):
        raise ValueError(f"leaf {index} is not in a tree of size {len(leaves)}")
    path: list[bytes] = []
    lo, hi = 0, len(leaves)
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            path.append(tree_root(leaves[lo + k : hi]))
            hi = lo + k
        else:
            path.append(tree_root(leaves[lo : lo + k]))
            lo += k
    path.reverse()  # the RFC's path runs from the leaf up
    return path


def verify_inclusion(
    leaf: bytes, index: int, size: int, path: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does `path` prove the leaf hash at `index` in the tree?"""
    if index >= size or index < 0:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def consistency_proof(leaves: Sequence[bytes], first: int) -> list[bytes]:
    """PROOF(first, D[n]) for the tree of all `leaves`: that the tree of the first
    `first` leaves is a prefix of it (1 <= first <= n)."""
    if not 1 <= first <= len(leaves):
        raise ValueError(f"size {first} is not within 1..{len(leaves)}")
    proof: list[bytes] = []
    lo, hi, m, whole = 0, len(leaves), first, True
    while m != hi - lo:
        k = _split(hi - lo)
        if m <= k:
            proof.append(tree_root(leaves[lo + k : hi]))
            hi = lo + k
        else:
            proof.append(tree_root(leaves[lo : lo + k]))
            lo, m, whole = lo + k, m - k, False
    if not whole:
        proof.append(tree_root(leaves[lo:hi]))
    proof.reverse()
    return proof


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does `proof` show the tree of size `first` is a prefix of the
    tree of size `second`?"""
    if first < 1 or first > second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # an exact power of two
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0
