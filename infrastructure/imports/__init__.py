"""Reading uploaded tables (CSV or Excel xlsx) into the domain's `ImportTable`."""

from infrastructure.imports.tables import read_table, source_of

__all__ = ["read_table", "source_of"]
