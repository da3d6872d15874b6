"""Tokens without a database: a JWKS key per kid, and the CLI's tokens the service accepts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from cli import main as cli_main
from resolvers.access.principal import Role
from resolvers.access.tokens import TokenVerifier
from resolvers.errors import Unauthenticated
from settings import Settings

LEAD = "org/lead"


def test_jwks_tokens_are_checked_against_the_key_with_their_kid(
    settings: Settings, tmp_path: Path
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [{**public, "kid": "k1", "alg": "RS256"}]}))
    verifier = TokenVerifier(settings.model_copy(update={"auth_jwks_file": jwks}))
    claims = {
        "sub": "person/x",
        "role": "COORDINATOR",
        "org": LEAD,
        "exp": dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
    }
    good = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})
    principal = verifier.principal(f"Bearer {good}")
    assert (principal.sub, principal.role, principal.org) == ("person/x", Role.COORDINATOR, LEAD)
    forged = jwt.encode(claims, stranger, algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match="invalid token"):
        verifier.principal(f"Bearer {forged}")
    # An HS256 token signed with the public key's bytes is the classic confusion attack.
    confused = jwt.encode(claims, "k" * 40, algorithm="HS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated):
        verifier.principal(f"Bearer {confused}")


def test_the_token_command_mints_what_the_service_accepts(
    settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert settings.auth_secret is not None
    monkeypatch.setenv("LIANXIN_AUTH_SECRET", settings.auth_secret.get_secret_value())
    cli_main(["token", "--role", "COORDINATOR", "--org", LEAD])
    token = capsys.readouterr().out.strip()
    principal = TokenVerifier(settings).principal(f"Bearer {token}")
    assert (principal.role, principal.org) == (Role.COORDINATOR, LEAD)
    with pytest.raises(SystemExit) as exit_:
        cli_main(["token", "--role", "COORDINATOR"])
    assert exit_.value.code == 2
    assert "--org" in capsys.readouterr().err
