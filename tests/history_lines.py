"""A small past year written as the JSON lines of docs/history-import.md: two towns,
each with its ten-target list, twelve months of reports closed one by one, a bonus."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from domain.periods import OFFICE_TZ
from tests.builders import new_unit, qualitative, quantitative, standard_rulebook

YEAR = 2019
REVIEWERS = (
    ("business_department", {"user_id": "reviewer-wang", "role": "reviewer"}),
    ("assessment_office", {"user_id": "office-li", "role": "assessment_office"}),
    ("leader_in_charge", {"user_id": "leader-zhao", "role": "leader"}),
    ("leading_group", {"user_id": "leader-zhao", "role": "leader"}),
)
OFFICE = {"user_id": "office-li", "role": "assessment_office"}


def at(month: int, day: int, hour: int = 9) -> str:
    year, month = (YEAR + 1, 1) if month == 13 else (YEAR, month)
    return datetime(year, month, day, hour, tzinfo=OFFICE_TZ).isoformat()


def fact(name: str, when: str, by: dict[str, Any], **data: Any) -> dict[str, Any]:
    line: dict[str, Any] = {"fact": name, "at": when, "by": by, "data": data}
    return line


def history() -> list[dict[str, Any]]:
    rulebook = standard_rulebook().model_dump(mode="json")
    lines = [
        fact("YearOpened", at(1, 2), OFFICE, year=YEAR),
        fact("RulebookAdopted", at(1, 2, 10), OFFICE, year=YEAR, rulebook=rulebook),
    ]
    for code in ("T01", "T02"):
        unit = new_unit(code).model_dump(mode="json")
        lines.append(
            {**fact("UnitRegistered", at(1, 3), OFFICE, unit=unit, since_year=YEAR), "label": code}
        )
        lines.append(fact("UnitEnrolled", at(1, 3, 10), OFFICE, year=YEAR, unit_id=f"@{code}"))
    for code in ("T01", "T02"):
        filler = {"user_id": f"filler-{code}", "role": "unit", "unit_id": f"@{code}"}
        for number in range(10):
            spec = (quantitative() if number % 2 else qualitative()).model_dump(mode="json")
            label = f"{code}-{number}"
            lines.append(
                {
                    **fact(
                        "TargetProposed", at(1, 6), filler, year=YEAR, unit_id=f"@{code}", spec=spec
                    ),
                    "label": label,
                }
            )
            for level, reviewer in REVIEWERS:
                lines.append(
                    fact(
                        "TargetApproved",
                        at(1, 7),
                        reviewer,
                        year=YEAR,
                        unit_id=f"@{code}",
                        target_id=f"@{label}",
                        level=level,
                    )
                )
    for month in range(1, 13):
        for code in ("T01", "T02"):
            filler = {"user_id": f"filler-{code}", "role": "unit", "unit_id": f"@{code}"}
            for number in range(1, 10, 2):
                where = {
                    "year": YEAR,
                    "unit_id": f"@{code}",
                    "target_id": f"@{code}-{number}",
                    "period": f"{YEAR}-{month:02d}",
                }
                progress = {"value": str(month), "narrative": "按序时推进"}
                lines.append(
                    fact("ProgressReported", at(month + 1, 1), filler, **where, progress=progress)
                )
                lines.append(fact("ProgressVerified", at(month + 1, 2), REVIEWERS[0][1], **where))
        lines.append(
            fact("PeriodClosed", at(month + 1, 6), OFFICE, year=YEAR, period=f"{YEAR}-{month:02d}")
        )
    lines.insert(
        -1,
        fact(
            "BonusGranted",
            at(13, 5),
            {"user_id": "leader-zhao", "role": "leader"},
            year=YEAR,
            unit_id="@T01",
            points="0.5",
            reason="招商引资",
            basis="县委文件",
        ),
    )
    return lines


def as_text(lines: list[dict[str, Any]]) -> str:
    return "".join(orjson.dumps(line).decode() + "\n" for line in lines)
