"""Payload building blocks: user errors, and the generic upsert payload."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

from resolvers.errors import BadUserInput

T = TypeVar("T")


@strawberry.type(description="A problem with the input; nothing was written.")
class UserError:
    field: list[str] | None = strawberry.field(description="Path to the offending argument.")
    message: str
    code: str

    @classmethod
    def of(cls, error: BadUserInput) -> UserError:
        """From a validation error."""
        name = error.details.get("field")
        return cls(field=[name] if name else None, message=error.message, code=error.code)


@strawberry.type(description="The node as stored after the upsert, or why nothing was written.")
class UpsertPayload(Generic[T]):
    node: T | None
    user_errors: list[UserError]
