"""Evidence (佐证材料) behind a progress report is named by its sha256, with a media type
and a size the office can keep; a malformed description is refused by validation."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from domain.reports.evidence import MAX_EVIDENCE_BYTES, Evidence, Progress

PHOTO: dict[str, Any] = {
    "file_name": "路基施工现场.jpg",
    "media_type": "image/jpeg",
    "sha256": "0123456789abcdef" * 4,
    "size": 2_048_000,
}


def _refused_field(**changes: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Evidence(**{**PHOTO, **changes})
    return ".".join(str(part) for part in caught.value.errors()[0]["loc"])


def test_a_photo_of_the_works_is_valid_evidence() -> None:
    assert Evidence(**PHOTO).size == 2_048_000


@pytest.mark.parametrize(
    "sha256",
    ["0123456789ABCDEF" * 4, "0123456789abcdef" * 4 + "0", "0123456789abcdef" * 3, "g" * 64, ""],
)
def test_evidence_is_named_by_64_lower_case_hex_digits(sha256: str) -> None:
    assert _refused_field(sha256=sha256) == "sha256"


@pytest.mark.parametrize("size", [0, -1, MAX_EVIDENCE_BYTES + 1])
def test_evidence_is_at_least_a_byte_and_at_most_200_mib(size: int) -> None:
    assert _refused_field(size=size) == "size"


def test_evidence_of_exactly_200_mib_is_kept() -> None:
    assert Evidence(**{**PHOTO, "size": MAX_EVIDENCE_BYTES}).size == 200 * 1024 * 1024


@pytest.mark.parametrize("media_type", ["jpeg", "Image/JPEG", "image/", "/jpeg", "image jpeg"])
def test_evidence_has_a_media_type_such_as_image_jpeg(media_type: str) -> None:
    assert _refused_field(media_type=media_type) == "media_type"


@pytest.mark.parametrize("file_name", ["", "x" * 201])
def test_evidence_has_a_file_name_of_1_to_200_characters(file_name: str) -> None:
    assert _refused_field(file_name=file_name) == "file_name"


def test_evidence_carries_no_unknown_fields() -> None:
    assert _refused_field(points="1") == "points"


def test_a_report_carries_at_most_50_evidence_files() -> None:
    with pytest.raises(ValidationError) as caught:
        Progress(evidence=[Evidence(**PHOTO)] * 51)
    assert caught.value.errors()[0]["loc"] == ("evidence",)
