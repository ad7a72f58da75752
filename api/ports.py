"""What the API needs from infrastructure, given to it by the composition root
(infrastructure/serve.py), so api/ imports no infrastructure."""

from __future__ import annotations

from collections.abc import Callable

from domain.special.table import ImportTable

# Parses an uploaded file's bytes (CSV or xlsx, by its name) into a table.
TableReader = Callable[[bytes, str], ImportTable]
