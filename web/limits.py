"""Request body limits: refused by the declared length, or as soon as a stream outgrows them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.types import Message, Scope

from resolvers.errors import LimitExceeded

MB = 1024 * 1024

Receive = Callable[[], Awaitable[Message]]


def declared_over(scope: Scope, limit: int) -> bool:
    """Whether the request's Content-Length already says its body is over `limit` bytes."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return value.isdigit() and int(value) > limit
    return False


def counted(receive: Receive, limit: int, refusal: Callable[[], LimitExceeded]) -> Receive:
    """`receive`, raising `refusal()` once the body outgrows `limit` (chunked bodies too)."""
    received = 0

    async def limited() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise refusal()
        return message

    return limited
