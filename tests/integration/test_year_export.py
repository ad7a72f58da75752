"""A year exported by an inspector checks itself: the archive's own verify.py, run by a
plain `python3 -I` (standard library only), passes it and fails every tampered copy."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from infrastructure.bootstrap import build_application
from infrastructure.cli import cli
from infrastructure.clock import ManualClock, SeededIds
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer
from infrastructure.settings import Settings
from tests.builders import OFFICE, YEAR, enrolled_unit, open_year

SIGNER = Ed25519Signer.generate()


@pytest.fixture
def archive(store_url: str, clock: ManualClock, tmp_path: Path) -> Path:
    """Two years in one log (only 2025 is exported), two published signed digests."""
    env = {KEY_VARIABLE: SIGNER.private_hex()}
    app = build_application(Settings(store_url), clock=clock, ids=SeededIds(4), extra_env=env)
    open_year(app)
    enrolled_unit(app, "T01")
    app.publish_log_digest(by=OFFICE)
    app.open_year(year=YEAR + 1, by=OFFICE)
    enrolled_unit(app, "T02")
    app.publish_log_digest(by=OFFICE)
    app.close()
    path = tmp_path / "export-2025.zip"
    run = CliRunner(env={KEY_VARIABLE: SIGNER.private_hex()}).invoke(
        cli, ["export", str(YEAR), "-o", str(path), "--user", "inspector-sun", "-d", store_url]
    )
    assert run.exit_code == 0, run.output
    return path


def standalone(archive: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The archive's verify.py, taken out of it and run by the system's python3 in
    isolated mode: no site-packages, no project on the path."""
    with zipfile.ZipFile(archive) as zipped:
        (tmp_path / "verify.py").write_bytes(zipped.read("verify.py"))
    return subprocess.run(
        ["python3", "-I", str(tmp_path / "verify.py"), str(archive)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def rewritten(archive: Path, name: str, change: Callable[[bytes], bytes], *, fix: bool) -> Path:
    """A copy with one member changed; with `fix`, the manifest's hash of it too."""
    copy = archive.with_name(f"tampered-{name.replace('/', '_')}-{fix}.zip")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(copy, "w") as target:
        members = {n: source.read(n) for n in source.namelist()}
        members[name] = change(members[name])
        if fix:
            manifest = orjson.loads(members["manifest.json"])
            manifest["files"][name] = hashlib.sha256(members[name]).hexdigest()
            members["manifest.json"] = orjson.dumps(manifest)
        for member, data in members.items():
            target.writestr(member, data)
    return copy


def test_the_archive_holds_the_year_and_verifies_with_the_standard_library(
    archive: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
        manifest = orjson.loads(zipped.read("manifest.json"))
        events = [orjson.loads(line) for line in zipped.read("events.jsonl").splitlines()]
        digests = orjson.loads(zipped.read("digests.json"))
    assert {
        "manifest.json",
        "events.jsonl",
        "leaf_hashes.txt",
        "digests.json",
        "verify.py",
    } <= names
    assert any(n.startswith("rulebooks/") for n in names)
    assert manifest["year"] == YEAR
    assert manifest["exported_by"] == {"user_id": "inspector-sun", "role": "inspector"}
    assert {"notification_id", "originator_id", "topic", "state", "hash"} <= set(events[0])
    topics = {e["topic"].rsplit(":", 1)[-1] for e in events}
    assert {"AssessmentYear.Opened", "RulebookRecord.Published", "Unit.Registered"} <= topics
    assert "LogDigestRecord.Published" in topics
    opened = [orjson.loads(e["state"]) for e in events if e["topic"].endswith("Year.Opened")]
    assert [o["year"] for o in opened] == [YEAR]  # not the other year of the log
    assert len(digests["published"]) == 2
    assert digests["export"]["signature"]["key_id"] == SIGNER.key_id

    run = standalone(archive, tmp_path)

    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK:")
    assert "2 published digest(s) consistent" in run.stdout
    assert "3 signature(s) verified" in run.stdout


def _state(change: Callable[[dict[str, object]], None]) -> Callable[[bytes], bytes]:
    def on_first_line(data: bytes) -> bytes:
        lines = data.splitlines()
        event = orjson.loads(lines[1])
        state = orjson.loads(event["state"])
        change(state)
        event["state"] = orjson.dumps(state).decode()
        lines[1] = orjson.dumps(event)
        return b"\n".join(lines) + b"\n"

    return on_first_line


def _digest_root(data: bytes) -> bytes:
    digests = orjson.loads(data)
    digests["published"][0]["digest"]["root"] = "0" * 64
    return orjson.dumps(digests)


TAMPERS: dict[str, tuple[str, Callable[[bytes], bytes], bool, str]] = {
    "event changed": ("events.jsonl", _state(lambda s: s.update(x=1)), False, "SHA-256"),
    "event changed, manifest fixed": (
        "events.jsonl",
        _state(lambda s: s.update(x=1)),
        True,
        "content changed",
    ),
    "event removed, manifest fixed": (
        "events.jsonl",
        lambda d: b"\n".join(d.splitlines()[1:]) + b"\n",
        True,
        "events",
    ),
    "leaf removed, manifest fixed": (
        "leaf_hashes.txt",
        lambda d: b"\n".join(d.splitlines()[:-1]) + b"\n",
        True,
        "leaves",
    ),
    "published digest changed, manifest fixed": ("digests.json", _digest_root, True, "consistency"),
    "rulebook changed, manifest fixed": (
        "rulebooks/",
        lambda d: d.replace(b"1", b"2", 1),
        True,
        "SHA-256",
    ),
}


@pytest.mark.parametrize("tamper", list(TAMPERS))
def test_a_tampered_copy_fails(archive: Path, tmp_path: Path, tamper: str) -> None:
    name, change, fix, said = TAMPERS[tamper]
    if name == "rulebooks/":
        with zipfile.ZipFile(archive) as zipped:
            name = next(n for n in zipped.namelist() if n.startswith("rulebooks/"))

    run = standalone(rewritten(archive, name, change, fix=fix), tmp_path)

    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout.startswith("BROKEN:")
    assert said in run.stdout


def test_a_year_that_does_not_exist_is_refused(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "none.zip"
    run = CliRunner().invoke(
        cli, ["export", "1999", "-o", str(path), "--user", "inspector-sun", "-d", store_url]
    )
    assert run.exit_code == 2
    assert "NOT_FOUND" in run.output
    assert "(field: year)" in " ".join(run.output.split())
    assert not path.exists()
