"""The Merkle tree is RFC 6962's: known roots, and proofs that always verify and break
when anything they cover changes."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from domain.integrity.merkle import (
    EMPTY_ROOT,
    MerkleAccumulator,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    tree_root,
    verify_consistency,
    verify_inclusion,
)

# The certificate-transparency project's test leaves and the roots of their prefixes.
CT_LEAVES = [
    bytes.fromhex(h)
    for h in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
              "606162636465666768696a6b6c6d6e6f")
]  # fmt: skip
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]

leaf_lists = st.lists(st.binary(max_size=8), min_size=1, max_size=70).map(
    lambda data: [leaf_hash(d) for d in data]
)


def reference_root(leaves: list[bytes]) -> bytes:
    """MTH exactly as RFC 6962 §2.1 writes it, recursively."""
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


def test_the_roots_of_the_certificate_transparency_vectors() -> None:
    leaves = [leaf_hash(d) for d in CT_LEAVES]
    assert [tree_root(leaves[:n]).hex() for n in range(1, 9)] == CT_ROOTS
    assert tree_root([]) == EMPTY_ROOT


@given(leaf_lists)
def test_the_accumulated_root_is_the_recursive_definition(leaves: list[bytes]) -> None:
    tree = MerkleAccumulator()
    for leaf in leaves:
        tree.add(leaf)
    assert tree.size == len(leaves)
    assert tree.root() == reference_root(leaves)


@given(leaf_lists, st.data())
def test_every_inclusion_proof_verifies(leaves: list[bytes], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(leaves) - 1))
    root = tree_root(leaves)
    path = inclusion_proof(leaves, index)
    assert verify_inclusion(leaves[index], index, len(leaves), path, root)


@given(leaf_lists, st.data())
def test_a_changed_leaf_breaks_its_inclusion_proof(
    leaves: list[bytes], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(leaves) - 1))
    root = tree_root(leaves)
    path = inclusion_proof(leaves, index)
    changed = leaf_hash(b"changed" + leaves[index])
    assert not verify_inclusion(changed, index, len(leaves), path, root)
    # ...and so does the right leaf claimed at another position, or under another root.
    other = data.draw(st.integers(0, len(leaves) - 1))
    assume(other != index and leaves[other] != leaves[index])
    assert not verify_inclusion(leaves[index], other, len(leaves), path, root)


@given(leaf_lists, st.data())
def test_consistency_proofs_verify_for_every_smaller_size(
    leaves: list[bytes], data: st.DataObject
) -> None:
    first = data.draw(st.integers(1, len(leaves)))
    proof = consistency_proof(leaves, first)
    assert verify_consistency(
        first, len(leaves), tree_root(leaves[:first]), tree_root(leaves), proof
    )


@given(leaf_lists, st.data())
def test_a_rewritten_prefix_fails_the_consistency_proof(
    leaves: list[bytes], data: st.DataObject
) -> None:
    first = data.draw(st.integers(1, len(leaves)))
    changed_at = data.draw(st.integers(0, first - 1))
    rewritten = list(leaves)
    rewritten[changed_at] = leaf_hash(b"rewritten" + leaves[changed_at])
    proof = consistency_proof(rewritten, first)
    assert not verify_consistency(
        first, len(leaves), tree_root(leaves[:first]), tree_root(rewritten), proof
    )


def test_sizes_out_of_range_never_verify() -> None:
    leaves = [leaf_hash(bytes([i])) for i in range(5)]
    root = tree_root(leaves)
    assert not verify_inclusion(leaves[0], 5, 5, inclusion_proof(leaves, 0), root)
    assert not verify_consistency(0, 5, EMPTY_ROOT, root, [])
    assert not verify_consistency(6, 5, root, root, [])
    assert verify_consistency(5, 5, root, root, [])
    assert not verify_consistency(5, 5, root, root, [root])


@given(leaf_lists, st.lists(st.integers(1, 40), max_size=8))
def test_leaves_added_in_chunks_give_the_same_root(leaves: list[bytes], cuts: list[int]) -> None:
    tree, at = MerkleAccumulator(), 0
    for cut in cuts:
        tree.extend(leaves[at : at + cut])
        at += cut
    tree.extend(leaves[at:])
    assert (tree.size, tree.root()) == (len(leaves), reference_root(leaves))
