"""Loading a rulebook document and computing its identity (sha256 of canonical JSON)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

import orjson
import yaml
from pydantic import ValidationError

from domain.errors import RulebookInvalid
from domain.rulebook.model import Rulebook
from domain.rulebook.weighted import ADDED_SECTIONS

_PATH = re.compile(r"[a-z_]+(\.[a-z0-9_]+)*")


def canonical_json(rulebook: Rulebook) -> bytes:
    """Sorted keys, no whitespace, decimals as strings: the bytes whose hash names it.
    A section added later is left out when absent, so older documents keep their hash."""
    data = rulebook.model_dump(mode="json")
    for section in ADDED_SECTIONS:
        if data[section] is None:
            del data[section]
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)


def content_hash(rulebook: Rulebook) -> str:
    return hashlib.sha256(canonical_json(rulebook)).hexdigest()


def parse_rulebook(data: Any) -> Rulebook:
    """Validate a decoded document; errors name the path of the bad field."""
    try:
        return Rulebook.model_validate(data)
    except ValidationError as exc:
        path, problem = _located(exc.errors()[0])
        raise RulebookInvalid(f"{path}: {problem}", field=path) from None


def _located(error: Mapping[str, Any]) -> tuple[str, str]:
    """The dotted path of the first bad field, and what is wrong with it."""
    path = ".".join(str(part) for part in error["loc"])
    if path:
        return path, str(error["msg"])
    # Rules across the whole document fail at its root; their messages name the path
    # first ("red_flags.slots: unknown categories ..."), so the office sees which field.
    cause = error.get("ctx", {}).get("error")
    head, colon, problem = str(cause).partition(": ")
    if isinstance(cause, ValueError) and colon and _PATH.fullmatch(head):
        return head, problem
    return "rulebook", str(error["msg"])


def parse_rulebook_yaml(text: str) -> Rulebook:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RulebookInvalid(f"not valid YAML: {exc}", field="rulebook") from None
    return parse_rulebook(data)
