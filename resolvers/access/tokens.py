"""Bearer tokens: verify a JWT into a Principal, and mint one for local use."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
from pathlib import Path
from typing import Any

import jwt

from resolvers.access.principal import Principal, Role
from resolvers.clock import utc_now
from resolvers.errors import BadUserInput, Unauthenticated
from settings import Settings

HS256 = "HS256"
# Asymmetric algorithms a JWKS may use; "none" and HS* are never taken from a JWKS.
JWKS_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA")
REQUIRED_CLAIMS = ("sub", "role", "exp")
MIN_SECRET_BYTES = 32
CACHED_TOKENS = 4096


class TokenVerifier:
    """Checks signatures and claims; keys are read on first use, not at construction."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._secret: str | None = None
        self._jwks: jwt.PyJWKSet | None = None
        # Verified tokens until they expire: a client sends the same token on every request.
        self._verified: dict[str, tuple[Principal, float]] = {}

    def principal(self, authorization: str | None) -> Principal:
        """The principal an `Authorization: Bearer …` value names, or UNAUTHENTICATED."""
        if not authorization:
            raise Unauthenticated("send a bearer token: Authorization: Bearer <JWT>")
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("the Authorization header must be `Bearer <JWT>`")
        known = self._verified.get(token)
        if known is not None and known[1] > time.time():
            return known[0]
        principal, expires = self._verify(token)
        if len(self._verified) >= CACHED_TOKENS:
            self._verified.clear()
        self._verified[token] = (principal, expires)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        claims = self._claims(token)
        try:
            role = Role(claims["role"])
        except ValueError:
            raise Unauthenticated(f"unknown role {claims['role']!r} in token") from None
        org = claims.get("org")
        if role is Role.COORDINATOR and not org:
            raise Unauthenticated("a COORDINATOR token must name its organization (`org`)")
        principal = Principal(str(claims["sub"]), role, str(org) if org else None)
        return principal, float(claims["exp"])

    def _claims(self, token: str) -> dict[str, Any]:
        options = {"require": list(REQUIRED_CLAIMS)}
        try:
            if self.settings.auth_jwks_file is not None:
                key, algorithms = self._jwks_key(token), list(JWKS_ALGORITHMS)
            else:
                key, algorithms = self._hs_secret(), [HS256]
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=algorithms,
                audience=self.settings.auth_audience,
                issuer=self.settings.auth_issuer,
                options=options,  # type: ignore[arg-type]
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the token has expired") from None
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"invalid token: {error}") from None
        return claims

    def _jwks_key(self, token: str) -> Any:
        if self._jwks is None:
            path = self.settings.auth_jwks_file
            assert path is not None
            self._jwks = jwt.PyJWKSet.from_json(path.read_text(encoding="utf-8"))
        kid = jwt.get_unverified_header(token).get("kid")
        keys = list(self._jwks)
        if kid is None and len(keys) == 1:
            return keys[0].key
        try:
            return self._jwks[str(kid)].key
        except KeyError:
            raise jwt.InvalidKeyError(f"no key {kid!r} in the JWKS file") from None

    def _hs_secret(self) -> str:
        if self._secret is None:
            self._secret = signing_secret(self.settings)
        return self._secret


def signing_secret(settings: Settings) -> str:
    """The HS256 secret: the configured one, or the local one made on first use."""
    if settings.auth_secret is None:
        return _local_secret(settings.auth_secret_file)
    secret = settings.auth_secret.get_secret_value()
    if len(secret.encode()) < MIN_SECRET_BYTES:
        # RFC 7518 3.2: an HS256 key shorter than the hash is guessable.
        raise ValueError(f"LIANXIN_AUTH_SECRET must be at least {MIN_SECRET_BYTES} bytes long")
    return secret


def mint_token(
    settings: Settings,
    *,
    sub: str,
    role: Role,
    org: str | None = None,
    hours: float | None = None,
) -> str:
    """An HS256 token for local use, signed with the service's secret."""
    if settings.auth_jwks_file is not None:
        raise BadUserInput("tokens for a JWKS-configured service come from its identity provider")
    if role is Role.COORDINATOR and not org:
        raise BadUserInput("a COORDINATOR token needs --org")
    now = utc_now()
    claims: dict[str, Any] = {
        "sub": sub,
        "role": role.value,
        "iat": now,
        "exp": now + dt.timedelta(hours=hours or settings.token_hours),
    }
    if org:
        claims["org"] = org
    if settings.auth_issuer:
        claims["iss"] = settings.auth_issuer
    if settings.auth_audience:
        claims["aud"] = settings.auth_audience
    return jwt.encode(claims, signing_secret(settings), algorithm=HS256)


def _local_secret(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    # O_EXCL: when two processes race to make it, the second reads the first one's secret.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(secret)
    return secret
