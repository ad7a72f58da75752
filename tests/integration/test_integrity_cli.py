"""`dukao verify`, `digest`, `prove-inclusion`, `prove-consistency` and `keygen` on both
stores: exit codes an inspector's script can rely on, and errors with their codes."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from application.app import AssessmentApplication
from infrastructure.cli import cli
from infrastructure.integrity.signing import KEY_VARIABLE, Ed25519Signer
from tests.builders import OFFICE, enrolled_unit, open_year
from tests.scenarios import event_count
from tests.tamper import Tamperer

runner = CliRunner()


def dukao(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    run = runner.invoke(cli, list(args), env=env)
    return run.exit_code, " ".join(run.output.split())


def test_verify_says_ok_then_names_the_broken_record(
    app: AssessmentApplication, store_url: str
) -> None:
    open_year(app)
    assert dukao("verify", "-d", store_url)[0] == 0
    tamperer = Tamperer(store_url)
    tamperer.change_payload(3)
    tamperer.close()

    code, output = dukao("verify", "-d", store_url)

    assert code == 1
    assert output.startswith("BROKEN at notification id 3: HASH_MISMATCH")
    code, output = dukao("verify", "--json", "-d", store_url)
    assert code == 1
    assert orjson.loads(output)["problems"][0]["notification_id"] == 3


def test_a_digest_kept_outside_catches_a_rewritten_chain(
    app: AssessmentApplication, store_url: str, tmp_path: Path
) -> None:
    open_year(app)
    kept = tmp_path / "digest.json"
    code, output = dukao("digest", "-d", store_url)
    assert code == 0
    kept.write_text(output)
    assert dukao("verify", "--against", str(kept), "-d", store_url)[0] == 0
    tamperer = Tamperer(store_url)
    tamperer.change_payload(2)
    tamperer.rechain(app)
    tamperer.close()

    assert dukao("verify", "-d", store_url)[0] == 0  # the chain alone is whole again
    code, output = dukao("verify", "--against", str(kept), "-d", store_url)
    assert code == 1
    assert "DIGEST_MISMATCH" in output
    assert "kept outside" in output


def test_publishing_needs_the_office(app: AssessmentApplication, store_url: str) -> None:
    open_year(app)
    before = event_count(app)
    signer = Ed25519Signer.generate()
    env = {KEY_VARIABLE: signer.private_hex()}

    assert dukao("digest", "--publish", "-d", store_url)[0] == 2
    code, output = dukao(
        "digest", "--publish", "--user", "sun", "--role", "inspector", "-d", store_url, env=env
    )
    assert (code, "FORBIDDEN" in output, "by.role" in output) == (2, True, True)
    assert event_count(app) == before

    code, output = dukao("digest", "--publish", "--user", OFFICE.user_id, "-d", store_url, env=env)

    assert code == 0, output
    published = orjson.loads(output)
    assert published["signature"]["key_id"] == signer.key_id
    assert event_count(app) == before + 1


def test_proofs_are_printed_and_checked(app: AssessmentApplication, store_url: str) -> None:
    open_year(app)
    first = app.publish_log_digest(by=OFFICE).digest.tree_size
    enrolled_unit(app, "T01")
    second = app.publish_log_digest(by=OFFICE).digest.tree_size

    code, output = dukao("prove-inclusion", "2", "-d", store_url)
    assert code == 0
    assert orjson.loads(output)["verified"] is True
    code, output = dukao("prove-consistency", str(first), str(second), "-d", store_url)
    assert code == 0
    proof = orjson.loads(output)
    assert proof["verified"] is True
    assert proof["matches_published"] == {str(first): True, str(second): True}
    code, output = dukao("prove-inclusion", "9999", "-d", store_url)
    assert (code, "NOT_FOUND" in output, "notification_id" in output) == (2, True, True)
    code, output = dukao("prove-consistency", "0", "-d", store_url)
    assert (code, "INVALID_INPUT" in output, "(field: first)" in output) == (2, True, True)


def test_keygen_prints_a_key_the_signer_reads() -> None:
    code, output = dukao("keygen")
    assert code == 0
    key = output.split(f"{KEY_VARIABLE}=", 1)[1].split()[0]
    assert Ed25519Signer.from_text(key).key_id in output
