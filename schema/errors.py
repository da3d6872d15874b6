"""ErrorCodes: every GraphQL error leaves with a stable extensions.code; surprises are masked."""

from __future__ import annotations

import logging
import uuid

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from graph.errors import StoreError
from resolvers.errors import ApiError, from_store

log = logging.getLogger("lianxin.errors")

# Limit rules and the parser report these in their messages; they are our limits, not bugs.
_LIMIT_MARKERS = ("exceeds maximum operation depth", "aliases found", "tokens. Parsing aborted")


class ErrorCodes(MaskErrors):
    """Give each error its code; mask unexpected ones and log them with a request id.

    MaskErrors passes every error through its public `anonymise_error` hook (its default
    `should_mask_error` masks all), on results and on each subscription result alike.
    """

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        api = from_store(original) if isinstance(original, StoreError) else original
        if isinstance(api, ApiError) and not api.internal:
            return _with_code(error, api.code, api.message, api.details)
        if original is None or isinstance(original, GraphQLError):
            return _with_code(error, request_error_code(error.message), error.message)
        request_id = uuid.uuid4().hex[:12]
        log.error("request %s failed", request_id, exc_info=original)
        return _with_code(error, "INTERNAL", self.error_message, {"requestId": request_id})


def request_error_code(message: str) -> str:
    """The code of an error found before execution: a limit, or a bad document."""
    limited = any(marker in message for marker in _LIMIT_MARKERS)
    return "LIMIT_EXCEEDED" if limited else "BAD_USER_INPUT"


def _with_code(
    error: GraphQLError, code: str, message: str, details: dict[str, object] | None = None
) -> GraphQLError:
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**(error.extensions or {}), **(details or {}), "code": code},
    )
