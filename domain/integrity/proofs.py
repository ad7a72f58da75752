"""Inclusion and consistency proofs as values an inspector can keep and check later."""

from __future__ import annotations

from domain.events import Value
from domain.integrity.merkle import verify_consistency, verify_inclusion


class InclusionProof(Value):
    """That the event at `notification_id` is leaf `leaf_index` of the tree of size
    `tree_size` whose root is `root` (RFC 9162 §2.1.3)."""

    notification_id: int
    leaf_index: int
    tree_size: int
    leaf_hash: str
    path: tuple[str, ...]
    root: str

    def verifies(self) -> bool:
        return verify_inclusion(
            bytes.fromhex(self.leaf_hash),
            self.leaf_index,
            self.tree_size,
            [bytes.fromhex(p) for p in self.path],
            bytes.fromhex(self.root),
        )


class ConsistencyProof(Value):
    """That the tree of size `first_size` is a prefix of the tree of size `second_size`
    (RFC 9162 §2.1.4): nothing in the first was changed or removed later."""

    first_size: int
    second_size: int
    first_root: str
    second_root: str
    path: tuple[str, ...]

    def verifies(self) -> bool:
        return verify_consistency(
            self.first_size,
            self.second_size,
            bytes.fromhex(self.first_root),
            bytes.fromhex(self.second_root),
            [bytes.fromhex(p) for p in self.path],
        )
