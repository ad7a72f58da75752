"""Checking a proof against digests: an audit path only shows that a leaf leads to the
root the proof carries, which whoever made the proof chose; it proves something once
that root is a digest's the inspector trusts — one published earlier in the log, or one
kept outside it."""

from __future__ import annotations

from domain.events import Value
from domain.integrity.digest import LogDigest
from domain.integrity.proofs import ConsistencyProof, InclusionProof


class ProofCheck(Value):
    path_holds: bool  # the proof's path leads from what it proves to its root(s)
    compared: list[LogDigest]  # the digests its roots were compared with
    problems: list[str]

    @property
    def verified(self) -> bool:
        return not self.problems


def check_inclusion(proof: InclusionProof, digest: LogDigest | None) -> ProofCheck:
    """Does the event's leaf lead to `digest`'s root (the digest of the proof's size)?"""
    holds = proof.verifies()
    problems = [] if holds else ["the audit path does not lead from the leaf to the root"]
    problems += _against(proof.tree_size, proof.root, digest)
    return ProofCheck(path_holds=holds, compared=[d for d in [digest] if d], problems=problems)


def check_consistency(
    proof: ConsistencyProof, first: LogDigest | None, second: LogDigest | None
) -> ProofCheck:
    """Is the tree of `first` a prefix of the tree of the proof's second size? The first
    digest must be known; the second is compared when one is known."""
    holds = proof.verifies()
    problems = [] if holds else ["the consistency path does not join the two roots"]
    problems += _against(proof.first_size, proof.first_root, first)
    if second is not None:
        problems += _against(proof.second_size, proof.second_root, second)
    compared = [d for d in [first, second] if d]
    return ProofCheck(path_holds=holds, compared=compared, problems=problems)


def _against(size: int, root: str, digest: LogDigest | None) -> list[str]:
    if digest is None:
        return [f"no digest of {size} events to check the root against: give the one kept"]
    if digest.tree_size != size:
        return [f"the digest covers {digest.tree_size} events, the proof {size}"]
    if digest.root != root:
        return [f"the root {root} is not the digest's {digest.root}"]
    return []
