"""The `jurisdictions` claim (issue 9 point 1): minted by `dukao token --jurisdiction`,
read into the bearer, refused when malformed; on a server of one jurisdiction (the demo)
a token without the claim acts as before, and one naming only another jurisdiction is
refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from typer.testing import CliRunner

from api.auth import Unauthenticated, bearer_of, mint
from api.settings import DEVELOPMENT_SECRET, TokenKeys
from domain.vocabulary import Role
from infrastructure.cli import cli
from infrastructure.settings import DEFAULT_JURISDICTION
from tests.api.harness import Api, served
from tests.builders import OFFICE, open_year

KEYS = TokenKeys("HS256", "s" * 40)
QUERY = "{ assessmentYear(year: 2025) { jurisdiction } }"


def signed(**claims: object) -> str:
    now = datetime.now(UTC)
    base = {"sub": "office-li", "role": "assessment_office", "aud": "dukao", "iat": now,
            "exp": now + timedelta(hours=1)}  # fmt: skip
    return jwt.encode(base | claims, KEYS.key, algorithm="HS256")


def test_the_claim_names_the_jurisdictions() -> None:
    named = mint(KEYS, signing_key=KEYS.key, user_id="li", role=Role.LEADER,
                 jurisdictions=["pingchang", "nanjiang", "nanjiang"])  # fmt: skip
    plain = mint(KEYS, signing_key=KEYS.key, user_id="li", role=Role.LEADER)

    assert bearer_of(f"Bearer {named}", KEYS).jurisdictions == {"nanjiang", "pingchang"}
    assert jwt.decode(named, options={"verify_signature": False})["jurisdictions"] == [
        "nanjiang", "pingchang",
    ]  # fmt: skip
    assert bearer_of(f"Bearer {plain}", KEYS).jurisdictions is None
    assert bearer_of(None, KEYS).jurisdictions is None
    with pytest.raises(ValueError, match="jurisdictions are one or more codes"):
        mint(KEYS, signing_key=KEYS.key, user_id="li", role=Role.LEADER, jurisdictions=[])


@pytest.mark.parametrize("claim", ["nanjiang", [], ["Nan Jiang"], [7], ["a" * 65]])
def test_a_malformed_claim_is_refused(claim: object) -> None:
    with pytest.raises(Unauthenticated, match="jurisdictions are not a list of codes"):
        bearer_of(f"Bearer {signed(jurisdictions=claim)}", KEYS)


def test_the_cli_mints_the_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUKAO_JWT_SECRET", raising=False)
    monkeypatch.delenv("DUKAO_JWT_PUBLIC_KEY", raising=False)
    runner = CliRunner()

    made = runner.invoke(
        cli, ["token", "leader", "li", "--jurisdiction", "nanjiang", "--jurisdiction", "bazhong"]
    )
    bad = runner.invoke(cli, ["token", "leader", "li", "--jurisdiction", "Nan Jiang"])

    assert made.exit_code == 0, made.output
    claims = jwt.decode(made.stdout.strip(), DEVELOPMENT_SECRET, algorithms=["HS256"],
                        audience="dukao")  # fmt: skip
    assert claims["jurisdictions"] == ["bazhong", "nanjiang"]
    assert bad.exit_code == 1
    assert "jurisdictions are one or more codes" in bad.output


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Api]:
    with served(f"sqlite:///{tmp_path}/events.sqlite") as api:
        open_year(api.app)
        yield api


def with_claim(api: Api, jurisdictions: list[str] | None) -> dict[str, str]:
    keys = api.settings.keys
    token = mint(keys, signing_key=keys.key, user_id=OFFICE.user_id, role=OFFICE.role,
                 jurisdictions=jurisdictions)  # fmt: skip
    return {"Authorization": f"Bearer {token}"}


def test_one_jurisdiction_served_as_before(demo: Api) -> None:
    answers = {
        label: demo.client.post("/graphql", json={"query": QUERY}, headers=headers).json()
        for label, headers in {
            "no claim": with_claim(demo, None),
            "the served one": with_claim(demo, [DEFAULT_JURISDICTION, "elsewhere"]),
            "another only": with_claim(demo, ["elsewhere"]),
        }.items()
    }
    routed = demo.client.post(f"/j/{DEFAULT_JURISDICTION}/graphql", json={"query": QUERY})

    served_year = {"data": {"assessmentYear": {"jurisdiction": DEFAULT_JURISDICTION}}}
    assert answers["no claim"] == answers["the served one"] == served_year
    assert [e["extensions"] for e in answers["another only"]["errors"]] == [
        {"code": "OUTSIDE_JURISDICTION", "field": "jurisdiction"}
    ]
    assert answers["another only"]["data"] == {"assessmentYear": None}
    assert routed.status_code == 404  # no registry: no `/j/<code>/…` paths
