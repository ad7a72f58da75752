"""Printable QR codes of public evaluation tokens (seed 001: 扫描二维码 to evaluate, no
registration), as PNG and SVG, with segno (pure Python).

A code holds a link to the office's evaluation page with the token in its query; the base
of that link is configuration (`DUKAO_EVALUATION_URL`), e.g.
https://kaohe.example.gov.cn/evaluate.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import segno

DEFAULT_EVALUATION_URL = "http://127.0.0.1:8000/evaluate"


@dataclass(frozen=True)
class EvaluationLinks:
    base_url: str = DEFAULT_EVALUATION_URL

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"evaluation URL must be http(s)://host/...: {self.base_url!r}")
        if any(key == "token" for key, _ in parse_qsl(parts.query)):
            raise ValueError("the evaluation URL must not carry a token of its own")

    @classmethod
    def from_env(cls) -> EvaluationLinks:
        return cls(os.environ.get("DUKAO_EVALUATION_URL", DEFAULT_EVALUATION_URL))

    def url_for(self, token: str) -> str:
        parts = urlsplit(self.base_url)
        query = [*parse_qsl(parts.query), ("token", token)]
        return urlunsplit(parts._replace(query=urlencode(query)))

    def png(self, token: str, *, scale: int = 8) -> bytes:
        return _render(self.url_for(token), "png", scale)

    def svg(self, token: str, *, scale: int = 8) -> bytes:
        return _render(self.url_for(token), "svg", scale)


def _render(content: str, kind: str, scale: int) -> bytes:
    # Error correction M (15%) survives a crease or a smudge on a printed slip.
    code = segno.make_qr(content, error="m")
    out = io.BytesIO()
    code.save(out, kind=kind, scale=scale, border=4)
    return out.getvalue()
