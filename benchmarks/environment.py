"""What the figures were measured on: a rate means little without the machine and date."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path


def cpu_model(cpuinfo: str) -> str:
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            return value.strip()
    return platform.processor() or "unknown"


def describe_machine(pg_version: str = "") -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        cpuinfo = ""
    parts = [
        f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"nproc {os.cpu_count()}",
        f"CPU {cpu_model(cpuinfo)}",
        f"Python {platform.python_version()}",
    ]
    if pg_version:
        parts.append(f"PostgreSQL {pg_version}")
    return "Machine: " + ", ".join(parts)
