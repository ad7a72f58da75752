"""Each public token prints as a QR code (PNG and SVG) linking to the office's evaluation
page, under a configurable base URL."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import segno

from infrastructure.qr import EvaluationLinks

TOKEN = "Vq3nZ0pPZ3m0f1sD2Jd1S9l0rB4Y7hQk2cXo8uE5wTg"


def test_the_link_carries_the_token_under_the_configured_base() -> None:
    links = EvaluationLinks("https://kaohe.example.gov.cn/evaluate?county=demo")
    assert links.url_for(TOKEN) == (
        f"https://kaohe.example.gov.cn/evaluate?county=demo&token={TOKEN}"
    )


def test_the_base_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUKAO_EVALUATION_URL", "https://office.example/e")
    assert EvaluationLinks.from_env().url_for("t" * 43).startswith("https://office.example/e?")


@pytest.mark.parametrize("base", ["ftp://x/e", "evaluate", "https://x/e?token=fixed"])
def test_a_base_that_is_no_web_page_or_carries_a_token_is_refused(base: str) -> None:
    with pytest.raises(ValueError, match="evaluation URL"):
        EvaluationLinks(base)


def test_a_token_prints_as_png_and_svg_of_the_same_code() -> None:
    links = EvaluationLinks("https://kaohe.example.gov.cn/evaluate")
    png, svg = links.png(TOKEN), links.svg(TOKEN)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    code = segno.make_qr(links.url_for(TOKEN), error="m")
    side = (code.symbol_size(scale=8, border=4))[0]
    assert root.get("width") == str(side)
