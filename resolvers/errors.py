"""Errors the API reports, each with a stable code for `extensions.code`."""

from __future__ import annotations

from typing import Any

from graph.errors import MissingEndpoints, StoreConflict, StoreError, StoreUnavailable


class ApiError(Exception):
    """An error with a stable code and optional details; as INTERNAL it is logged, never shown."""

    code = "INTERNAL"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def internal(self) -> bool:
        """A fault of ours rather than the client's: its message is for the log only."""
        return self.code == ApiError.code


class BadUserInput(ApiError):
    """The request's arguments are malformed or out of range."""

    code = "BAD_USER_INPUT"


class NotFound(ApiError):
    """A named node does not exist."""

    code = "NOT_FOUND"


class IllegalTransition(ApiError):
    """The issue's lifecycle does not allow this step from its current state."""

    code = "ILLEGAL_TRANSITION"


class Conflict(ApiError):
    """The write would clash with data already there."""

    code = "CONFLICT"


class LimitExceeded(ApiError):
    """The request asks for more than the service allows."""

    code = "LIMIT_EXCEEDED"


class Unavailable(ApiError):
    """A part the service depends on is down; try again later."""

    code = "UNAVAILABLE"


class Unauthenticated(ApiError):
    """The request carries no valid bearer token."""

    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    """The token's role may not see this field or take this action."""

    code = "FORBIDDEN"


def from_store(error: StoreError) -> ApiError:
    """The client error a store failure stands for, where no service gave it a domain meaning."""
    if isinstance(error, StoreUnavailable):
        # The driver's text names the server's address: never for clients.
        return Unavailable("The graph database is unreachable; retry.")
    if isinstance(error, StoreConflict):
        return Conflict("The write conflicts with existing data.")
    if isinstance(error, MissingEndpoints):
        # Its message names only the keys the client sent: a node was deleted meanwhile.
        return Conflict(str(error))
    return ApiError(str(error))
