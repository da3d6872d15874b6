"""Errors the API reports, each with a stable code for `extensions.code`."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error a client should see as is, with a stable code and optional details."""

    code = "INTERNAL"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


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
