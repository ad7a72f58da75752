"""`dukao print-tokens`: the office issues a batch of public tokens and gets each as a
printable QR code, PNG and SVG, of its evaluation link; only the hashes are stored."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import orjson
import pytest
from typer.testing import CliRunner

from application.app import AssessmentApplication
from domain.evaluations.ballots import Scale
from domain.evaluations.tokens import token_sha256
from domain.vocabulary import EvaluationKind
from infrastructure.cli import cli
from infrastructure.qr import EvaluationLinks
from tests.builders import OFFICE, YEAR, enrolled_unit, open_year

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"
BASE = "https://kaohe.example.gov.cn/evaluate"


@pytest.fixture
def campaign(app: AssessmentApplication, monkeypatch: pytest.MonkeyPatch) -> UUID:
    monkeypatch.setenv("DUKAO_EVALUATION_URL", BASE)
    open_year(app)
    town = enrolled_unit(app, "T01")
    return app.open_campaign(
        year=YEAR,
        kind=EvaluationKind.PUBLIC,
        title="群众满意度测评",
        scale=Scale(lowest=Decimal(1), highest=Decimal(5)),
        evaluated_units=[town],
        by=OFFICE,
    )


def issued(app: AssessmentApplication, campaign: UUID) -> set[str]:
    """The token hashes the store holds for the campaign (read from the log: the CLI
    wrote them through an application of its own)."""
    stored = app.recorder.select_notifications(start=1, limit=10_000)
    return {
        digest
        for n in stored
        if n.originator_id == campaign and n.topic.endswith(".TokensIssued")
        for digest in orjson.loads(n.state)["token_sha256"]
    }


def test_a_batch_is_issued_and_each_token_written_as_png_and_svg(
    app: AssessmentApplication, store_url: str, campaign: UUID, tmp_path: Path
) -> None:
    out = tmp_path / "slips"
    args = [
        "print-tokens",
        str(campaign),
        "--count",
        "3",
        "--by",
        OFFICE.user_id,
        "--out",
        str(out),
    ]
    result = runner.invoke(cli, [*args, "-d", store_url])

    assert result.exit_code == 0, result.output
    assert "3 token(s) of batch 1" in result.output
    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".png", ".svg"] * 3
    for file in files:
        if file.suffix == ".png":
            assert file.read_bytes().startswith(PNG)
        else:
            root = ET.fromstring(file.read_bytes())
            assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(issued(app, campaign)) == 3  # only the hashes, recorded by the command


def test_tokens_issued_through_the_api_are_printed_as_their_links_without_a_new_batch(
    app: AssessmentApplication, store_url: str, campaign: UUID, tmp_path: Path
) -> None:
    batch = app.issue_evaluation_tokens(campaign_id=campaign, count=2, by=OFFICE)
    listed = tmp_path / "tokens.txt"
    listed.write_text("\n".join(batch.tokens) + "\n", "utf-8")
    out = tmp_path / "slips"
    args = ["print-tokens", str(campaign), "--tokens", str(listed), "--out", str(out)]
    result = runner.invoke(cli, [*args, "--image", "png", "-d", store_url])

    assert result.exit_code == 0, result.output
    links = EvaluationLinks(BASE)
    pngs = sorted(out.iterdir())
    assert [p.read_bytes() for p in pngs] == [links.png(token) for token in batch.tokens]
    assert issued(app, campaign) == {token_sha256(token) for token in batch.tokens}


def test_a_directory_with_files_in_it_is_refused_before_anything_is_issued(
    app: AssessmentApplication, store_url: str, campaign: UUID, tmp_path: Path
) -> None:
    (tmp_path / "old.png").write_bytes(b"x")
    before = app.recorder.max_notification_id()
    args = ["print-tokens", str(campaign), "--count", "2", "--by", OFFICE.user_id]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path), "-d", store_url])

    assert result.exit_code == 1
    assert "not an empty directory" in " ".join(result.output.split())
    assert app.recorder.max_notification_id() == before
    assert issued(app, campaign) == set()


def test_an_unknown_campaign_is_refused_and_nothing_is_written(
    app: AssessmentApplication, store_url: str, campaign: UUID, tmp_path: Path
) -> None:
    before = app.recorder.max_notification_id()
    args = ["print-tokens", str(UUID(int=5)), "--count", "2", "--by", OFFICE.user_id]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path / "x"), "-d", store_url])

    assert result.exit_code == 1
    assert "error" in result.output
    assert app.recorder.max_notification_id() == before
    assert not (tmp_path / "x").exists()
