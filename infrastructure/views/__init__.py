"""Where the views live: the application's own store (its database or SQLite file), with
the library's tracking recorders keeping each view's position in the same transaction
as its rows."""
