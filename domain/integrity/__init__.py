"""Integrity of the event log (DOMAIN.md §7): the hash chain, the Merkle tree over the
log (RFC 6962 / RFC 9162), digests of the log at a size, and their proofs. Pure: the
definitions here are the ones every store, verifier and export agrees on."""
