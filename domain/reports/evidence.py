"""What a progress report claims, and the evidence files behind it."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from domain.events import Value

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024


class Evidence(Value):
    """A file kept by the unit (photo of works, minutes, statistics sheet), named by hash."""

    file_name: str = Field(min_length=1, max_length=200)
    media_type: str = Field(pattern=r"^[a-z]+/[a-z0-9.+-]+$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=1, le=MAX_EVIDENCE_BYTES)


class Progress(Value):
    """Cumulative value reached (quantitative) or milestones done (qualitative)."""

    value: Decimal | None = None
    milestones_done: list[str] = Field(default_factory=list, max_length=24)
    narrative: str = Field(default="", max_length=4000)
    evidence: list[Evidence] = Field(default_factory=list, max_length=50)
