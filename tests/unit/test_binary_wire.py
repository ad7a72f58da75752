"""The store call's hand-built binary parameters are byte for byte what psycopg's own
binary dumpers produce for the same values."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from psycopg import adapt
from psycopg.adapt import PyFormat

from infrastructure.store import binary_wire as wire

_BIGINTS = st.integers(min_value=-(2**63), max_value=2**63 - 1)
_BEYOND_INT4 = 2**40  # psycopg picks the narrowest integer type; this forces int8


def psycopg_binary(values: list[Any]) -> bytes:
    dumper = adapt.Transformer().get_dumper(values, PyFormat.BINARY)
    return bytes(dumper.dump(values))


@given(st.lists(st.uuids(), min_size=1, max_size=5))
def test_uuid_arrays_match_psycopg(values: list[uuid.UUID]) -> None:
    assert wire.uuid_array(values) == psycopg_binary(values)


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_text_arrays_match_psycopg(values: list[str]) -> None:
    assert wire.text_array(values) == psycopg_binary(values)


@given(st.lists(st.binary(max_size=40), min_size=1, max_size=5))
def test_bytea_arrays_match_psycopg(values: list[bytes]) -> None:
    assert wire.bytea_array(values) == psycopg_binary(values)


@given(st.lists(_BIGINTS, max_size=5))
def test_bigint_arrays_match_psycopg(values: list[int]) -> None:
    values = [*values, _BEYOND_INT4]
    assert wire.bigint_array(values) == psycopg_binary(values)


@given(_BIGINTS)
def test_a_bigint_result_decodes_to_its_value(value: int) -> None:
    assert wire.bigint(value.to_bytes(8, "big", signed=True)) == value


def test_an_empty_array_names_its_element_type_and_has_no_elements() -> None:
    assert wire.uuid_array([]) == b"".join(n.to_bytes(4, "big") for n in (1, 0, 2950, 0, 1))
