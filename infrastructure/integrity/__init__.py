"""The inspector's integrity tools over a store: signing digests, verifying the chain
and the digests, and exporting a year as a self-verifying archive (docs/integrity.md)."""
