"""The schema is a contract: `schema.graphql` is what the code serves, and nothing that
clients rely on is removed or changed without saying so.

Breaking changes are found by graphql-core's `find_breaking_changes` against
`schema.baseline.graphql`, the schema as last released to clients. Additions are never
breaking. To accept an intentional break, release it: `python -m api.schema --release`
rewrites both files; commit them together and say in the message what broke and why
(docs/api.md).
"""

from __future__ import annotations

from graphql import build_schema, find_breaking_changes

from api.schema import BASELINE_FILE, SDL_FILE, sdl


def test_the_committed_schema_is_the_code_s() -> None:
    assert SDL_FILE.read_text("utf-8") == sdl(), (
        "schema.graphql differs from the code: run `python -m api.schema` and commit it"
    )


def test_no_breaking_change_against_the_released_schema() -> None:
    released = build_schema(BASELINE_FILE.read_text("utf-8"))
    changes = find_breaking_changes(released, build_schema(sdl()))
    assert not changes, "breaking changes against schema.baseline.graphql:\n" + "\n".join(
        f"- {change.type.name}: {change.description}" for change in changes
    )


def test_the_check_sees_a_field_made_nullable() -> None:
    released = build_schema(sdl())
    without = build_schema(sdl().replace("closedMonths: Int!", "closedMonths: Int", 1))
    [change] = find_breaking_changes(released, without)
    assert change.description == "Field AssessmentYear.closedMonths changed type from Int! to Int."
