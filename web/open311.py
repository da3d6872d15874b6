"""Open311 GeoReport v2 routes under /open311/v2, JSON only."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.errors import StoreError
from graph.store import Neo4jStore
from resolvers import open311
from resolvers.clock import Clock, local_now
from resolvers.errors import ApiError, BadUserInput, LimitExceeded, from_store
from settings import Settings
from web.errors import shown, status_of
from web.limits import MB, counted, declared_over

PREFIX = "/open311/v2"


def open311_routes(settings: Settings, clock: Clock = local_now) -> list[Route]:
    """The services list and the requests read and write endpoints, telling time by `clock`."""

    async def services(request: Request) -> Response:
        return await _answer(request, lambda store: open311.services(store))

    async def requests(request: Request) -> Response:
        if request.method == "POST":

            async def submit(store: Neo4jStore) -> list[dict[str, Any]]:
                params = await _posted(request, int(settings.max_body_mb * MB))
                return await open311.submit(store, params, settings.open311_keys, clock)

            return await _answer(request, submit)
        wanted = dict(request.query_params)
        return await _answer(
            request, lambda store: open311.requests(store, open311.parse_filter(wanted, clock()))
        )

    async def one_request(request: Request) -> Response:
        # Issue keys hold a slash (issue/…), so the id is the whole rest of the path.
        key, _, fmt = request.path_params["rest"].rpartition(".")
        return await _answer(request, lambda store: open311.request(store, key), fmt)

    return [
        Route(f"{PREFIX}/services.{{fmt}}", services, methods=["GET"]),
        Route(f"{PREFIX}/requests.{{fmt}}", requests, methods=["GET", "POST"]),
        Route(f"{PREFIX}/requests/{{rest:path}}", one_request, methods=["GET"]),
    ]


Work = Callable[[Neo4jStore], Awaitable[list[dict[str, Any]]]]


async def _answer(request: Request, work: Work, fmt: str | None = None) -> Response:
    """Run `work` and answer in JSON, with the spec's error list on failure."""
    try:
        _require_json(fmt if fmt is not None else request.path_params.get("fmt", ""))
        return JSONResponse(await work(request.app.state.store))
    except ApiError as error:
        return _refusal(error)
    except StoreError as error:
        return _refusal(from_store(error))


def _refusal(error: ApiError) -> Response:
    """The spec's error list, [{code, description}], whose code is the HTTP status."""
    error = shown(error)
    status = status_of(error)
    return JSONResponse([{"code": status, "description": error.message}], status_code=status)


def _require_json(fmt: str) -> None:
    if fmt == "json":
        return
    if fmt == "xml":
        raise BadUserInput("XML is not served here; request the .json format instead")
    raise BadUserInput("the format must be .json")


async def _posted(request: Request, limit: int) -> dict[str, str]:
    """POST parameters: the query string, overridden by a form-encoded or JSON body."""
    params = dict(request.query_params)
    if declared_over(request.scope, limit):
        raise _too_large(limit)
    # A chunked body declares no length: it is counted as it arrives.
    body = await Request(
        request.scope, counted(request.receive, limit, lambda: _too_large(limit))
    ).body()
    if not body:
        return params
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise BadUserInput("a JSON body must be one object of parameters")
        params.update({str(k): str(v) for k, v in data.items() if v is not None})
    elif content_type in ("", "application/x-www-form-urlencoded"):
        try:
            params.update(parse_qsl(body.decode(), keep_blank_values=True))
        except UnicodeDecodeError:
            raise BadUserInput("the form body must be UTF-8") from None
    else:
        raise BadUserInput(
            "send parameters as application/x-www-form-urlencoded or application/json"
        )
    return params


def _too_large(limit: int) -> LimitExceeded:
    return LimitExceeded(
        f"the request body is larger than {limit / MB:g} MB (LIANXIN_MAX_BODY_MB); a service "
        "request needs only a few fields",
        maxBytes=limit,
    )
