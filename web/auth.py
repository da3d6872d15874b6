"""Bearer authentication, once per request and per WebSocket: the Principal, or why there is none.

The backend never refuses on its own: routes that need no token (health, Open311, GraphiQL's
page) must not fail on a bad one, so an endpoint that needs the Principal requires it.
"""

from __future__ import annotations

from starlette.authentication import (
    AuthCredentials,
    AuthenticationBackend,
    BaseUser,
    UnauthenticatedUser,
)
from starlette.requests import HTTPConnection

from resolvers.access.principal import Principal
from resolvers.access.tokens import TokenVerifier
from resolvers.errors import Unauthenticated

Authentication = tuple[AuthCredentials, BaseUser]


class Bearer(BaseUser):
    """A user a valid bearer token names."""

    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.principal.sub

    @property
    def identity(self) -> str:
        return self.principal.sub


class Refused(UnauthenticatedUser):
    """No valid token, and the reason a request that needs one is told."""

    def __init__(self, error: Unauthenticated) -> None:
        self.error = error


class BearerAuth(AuthenticationBackend):
    """Reads `Authorization: Bearer <JWT>` into a Bearer user, or a Refused one with the reason."""

    def __init__(self, tokens: TokenVerifier) -> None:
        self.tokens = tokens

    async def authenticate(self, conn: HTTPConnection) -> Authentication:
        return self.verify(conn.headers.get("authorization"))

    def verify(self, authorization: str | None) -> Authentication:
        """The credentials and user an Authorization value stands for."""
        try:
            principal = self.tokens.principal(authorization)
        except Unauthenticated as error:
            return AuthCredentials(), Refused(error)
        return AuthCredentials(["authenticated", principal.role.value]), Bearer(principal)


def required(user: BaseUser) -> Principal:
    """The user's Principal; UNAUTHENTICATED, with the reason, when the token was not valid."""
    if isinstance(user, Bearer):
        return user.principal
    if isinstance(user, Refused):
        raise user.error
    # Only without the middleware, which the app always installs.
    raise Unauthenticated("no bearer token was read for this request")


def principal_of(conn: HTTPConnection) -> Principal:
    """The Principal the middleware found for this request or connection; see `required`."""
    return required(conn.scope.get("user") or UnauthenticatedUser())
