"""ErrorCodes: every GraphQL error leaves with a stable extensions.code; surprises are masked.

The log gets one line per error, naming the operation, the code and the request id, never the
document or its variables (a resident's phone number may be written into either).
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

from graphql.error import GraphQLError
from strawberry import Schema
from strawberry.extensions import MaskErrors
from strawberry.types import ExecutionContext

from graph.errors import StoreError
from resolvers.errors import ApiError, from_store

log = logging.getLogger("lianxin.errors")

INTERNAL = "INTERNAL"
REQUEST_ID = "requestId"
# Limit rules and the parser report these in their messages; they are our limits, not bugs.
_LIMIT_MARKERS = ("exceeds maximum operation depth", "aliases found", "tokens. Parsing aborted")
# Operation names are logged; one that is not a plain GraphQL name is not the client's to choose.
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
# The id of the request being served, when the edge named one: every line it logs carries it.
current_request_id: ContextVar[str | None] = ContextVar("lianxin_request_id", default=None)
# A service that cannot reach what it depends on is not the client's fault, nor a bug of ours.
_LEVELS = {"UNAVAILABLE": logging.WARNING}


class ErrorCodes(MaskErrors):
    """Give each error its code; mask unexpected ones under the request id they were logged with.

    MaskErrors passes every error through its public `anonymise_error` hook (its default
    `should_mask_error` masks all), on results and on each subscription result alike.
    """

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        code, api = classify(error)
        if api is not None:
            return _with_code(error, code, api.message, api.details)
        if code != INTERNAL:
            return _with_code(error, code, error.message)
        request_id = (error.extensions or {}).get(REQUEST_ID)
        if not isinstance(request_id, str):
            # Not seen by LoggedSchema.process_errors: log it here, still once.
            request_id = new_request_id()
            report_fault(request_id, _operation(self.execution_context), error)
        return _with_code(error, INTERNAL, self.error_message, {REQUEST_ID: request_id})


class LoggedSchema(Schema):
    """Strawberry's schema, whose errors are logged as ErrorCodes codes them, document left out.

    Strawberry's own `process_errors` logs every error at ERROR as `str(error)`, which quotes
    the document around the error's location, and with a trace even for bad input.
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        request_id = new_request_id()
        operation = _operation(execution_context)
        for error in errors:
            code, _ = classify(error)
            if code == INTERNAL:
                # ErrorCodes masks this very error later: it answers under the same id.
                error.extensions = {**(error.extensions or {}), REQUEST_ID: request_id}
                report_fault(request_id, operation, error)
            else:
                report_client_error(request_id, operation, code, _where(error))


def classify(error: GraphQLError) -> tuple[str, ApiError | None]:
    """The error's code, and the domain error behind it when it is the client's to read."""
    original = error.original_error
    api = from_store(original) if isinstance(original, StoreError) else original
    if isinstance(api, ApiError) and not api.internal:
        return api.code, api
    if original is None or isinstance(original, GraphQLError):
        return request_error_code(error.message), None
    return INTERNAL, None


def request_error_code(message: str) -> str:
    """The code of an error found before execution: a limit, or a bad document."""
    limited = any(marker in message for marker in _LIMIT_MARKERS)
    return "LIMIT_EXCEEDED" if limited else "BAD_USER_INPUT"


def new_request_id() -> str:
    """An id that ties a log line to the answer the client got: the request's own, if named."""
    return current_request_id.get() or uuid.uuid4().hex[:12]


def report_client_error(request_id: str, operation: str, code: str, where: str = "") -> None:
    """One line, no trace: the client's mistake needs no stack to be understood."""
    at = f" at {where}" if where else ""
    log.log(_LEVELS.get(code, logging.INFO), "request %s %s: %s%s", request_id, operation, code, at)


def report_fault(request_id: str, operation: str, error: GraphQLError) -> None:
    """An unexpected error, with its trace, under the id the masked answer carries."""
    cause = error.original_error or error
    log.error(
        "request %s %s failed at %s", request_id, operation, _where(error) or "-", exc_info=cause
    )


def operation_label(name: str | None) -> str:
    """How an operation is named in the log."""
    return name if name is not None and _NAME.fullmatch(name) else "(anonymous operation)"


def _operation(execution_context: ExecutionContext | None) -> str:
    try:
        name = execution_context.operation_name if execution_context is not None else None
    except RuntimeError:
        name = None
    return operation_label(name)


def _where(error: GraphQLError) -> str:
    # Field names and list indexes: the schema's words and the client's aliases, never values.
    return ".".join(str(part) for part in error.path or ())


def _with_code(
    error: GraphQLError, code: str, message: str, details: dict[str, Any] | None = None
) -> GraphQLError:
    extensions = {k: v for k, v in (error.extensions or {}).items() if k != REQUEST_ID}
    return GraphQLError(
        message=message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={**extensions, **(details or {}), "code": code},
    )
