"""What a case is about and what a unit hands in: values carried by the case's events."""

from __future__ import annotations

from pydantic import Field

from domain.checks import require_text
from domain.events import Value
from domain.reports.evidence import Evidence
from domain.supervision.terms import CaseSource


class CaseMatter(Value):
    """The matter supervised (督办事项): what must be done, and where it came from."""

    title: str = Field(max_length=200)
    requirement: str = Field(max_length=4000)
    source: CaseSource
    # The document, instruction or complaint number behind it (批示、交办单、工单号).
    source_ref: str | None = Field(default=None, max_length=200)

    def check(self) -> None:
        require_text(self.title, "matter.title")
        require_text(self.requirement, "matter.requirement")
        if self.source_ref is not None:
            require_text(self.source_ref, "matter.source_ref")


class CaseReport(Value):
    """A progress or rectification report (进展情况 / 整改报告) with its evidence."""

    narrative: str = Field(max_length=4000)
    evidence: list[Evidence] = Field(default_factory=list, max_length=50)

    def check(self) -> None:
        require_text(self.narrative, "report.narrative")
