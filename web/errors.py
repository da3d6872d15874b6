"""ApiError → HTTP: the one status table, and the GraphQL-shaped body /graphql's errors share."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from starlette.responses import JSONResponse

from resolvers.errors import ApiError

log = logging.getLogger("lianxin.errors")

STATUS = {
    "BAD_USER_INPUT": 400,
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
    "ILLEGAL_TRANSITION": 409,
    "LIMIT_EXCEEDED": 413,
    "UNAVAILABLE": 503,
}
INTERNAL_STATUS = 500
MASKED = "Unexpected error."


def status_of(error: ApiError) -> int:
    """The HTTP status that carries `error`'s code."""
    return STATUS.get(error.code, INTERNAL_STATUS)


def shown(error: ApiError) -> ApiError:
    """The error as a client may see it: an INTERNAL one is logged under a request id instead."""
    if not error.internal:
        return error
    request_id = uuid.uuid4().hex[:12]
    # Once, with the trace of what raised it (its cause, when it stands for another error).
    log.error("request %s failed: %s", request_id, error.message, exc_info=error)
    return ApiError(MASKED, requestId=request_id)


def graphql_body(error: ApiError) -> dict[str, Any]:
    """{"errors": [...]} as /graphql answers, so clients read the code where they read others."""
    extensions = {**error.details, "code": error.code}
    return {"errors": [{"message": error.message, "extensions": extensions}]}


def error_response(error: ApiError) -> JSONResponse:
    """The HTTP answer to `error`; a 401 names the Bearer scheme, as RFC 6750 asks."""
    error = shown(error)
    status = status_of(error)
    headers = {"WWW-Authenticate": "Bearer"} if status == STATUS["UNAUTHENTICATED"] else None
    return JSONResponse(graphql_body(error), status_code=status, headers=headers)
