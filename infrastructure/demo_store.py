"""Generate a demo year into a store, with a progress bar and the generator's report."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from domain.periods import OFFICE_TZ
from infrastructure.bootstrap import build_application
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.demo.generator import SIZES, GenerationReport, generate_year
from infrastructure.settings import Settings

YEAR = 2025
WAL_SUFFIXES = ("", "-wal", "-shm")


def demo_file(data_dir: Path, size: str, seed: int) -> Path:
    return data_dir / f"demo-{size}-{seed}.sqlite"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def generate_into(
    settings: Settings, *, size: str, seed: int, console: Console
) -> GenerationReport:
    """Generate a year into the store of `settings` with the demo's deterministic clock
    (1 January, office time) and ids, so the same seed gives the same store."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(sorted(SIZES))}")
    clock = ManualClock(datetime(YEAR, 1, 1, tzinfo=OFFICE_TZ))
    application = build_application(settings, clock=clock, ids=SeededIds(seed))
    try:
        with progress_bar(console, f"generating a {size} year (seed {seed})") as on_progress:
            # A generated year is one writer bringing in a year at once: its commands'
            # events are written a thousand commands at a time (the same log).
            report = generate_year(
                application, clock, size=size, seed=seed, year=YEAR, on_progress=on_progress,
                batch=1000,
            )  # fmt: skip
    finally:
        application.close()
    return report


def generate_file(path: Path, *, size: str, seed: int, console: Console) -> GenerationReport:
    """Generate beside `path` and move into place only when complete, so an interrupted
    run never leaves a half-generated file that the next run would reuse.

    The whole file is the unit of durability here, so commits are not synced one by one
    (`synchronous=normal`); the finished file is checkpointed and synced once before it
    takes its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for suffix in WAL_SUFFIXES:
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    settings = Settings(sqlite_url(partial) + "?synchronous=normal")
    report = generate_into(settings, size=size, seed=seed, console=console)
    _checkpoint(partial)
    for suffix in WAL_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    for suffix in WAL_SUFFIXES:  # an emptied WAL and its index move with their database
        if Path(f"{partial}{suffix}").exists():
            os.replace(f"{partial}{suffix}", f"{path}{suffix}")
    _sync_directory(path.parent)
    return report


def _checkpoint(database: Path) -> None:
    """Every committed page into the database file, synced (SQLite's FULL default)."""
    with closing(sqlite3.connect(database)) as conn:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise RuntimeError(f"{database}: the write-ahead log could not be checkpointed")


def _sync_directory(directory: Path) -> None:
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextmanager
def progress_bar(console: Console, title: str) -> Iterator[Callable[[int, int], None]]:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(title, total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield on_progress
