"""Read models folded from the event log (DOMAIN.md §5).

One module per view. Every view's writes and its tracked log position commit in one
transaction (the library's tracking recorders, see infrastructure/views/), batch by
batch, so a projection killed at any moment resumes exactly where its last commit left
it. Views keep row versions by log position, so they can be read as they stood at any
checkpoint (docs/projections.md).
"""
