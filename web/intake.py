"""Residents' QR intake over HTTP (码上反映): the form, reports, status and rating, with no token.

Every answer is JSON; a refusal is `{"error": {"code", "message"}}` (and `field` or
`retryAfter` where they help) with a Chinese message saying what to do.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.errors import StoreError
from resolvers.clock import Clock, local_now
from resolvers.errors import ApiError, BadUserInput, LimitExceeded, from_store
from resolvers.intake.codes import IntakeCodes
from resolvers.intake.door import Door
from resolvers.intake.status import StatusDesk
from settings import Settings
from web.errors import shown
from web.limits import counted, declared_over
from web.ratelimit import RateLimited, SlidingWindow

log = logging.getLogger("lianxin.intake")

KB = 1024
STATUS = {
    "BAD_USER_INPUT": 400,
    "NOT_FOUND": 404,
    "CONFLICT": 409,
    "ILLEGAL_TRANSITION": 409,
    "GONE": 410,
    "LIMIT_EXCEEDED": 413,
    "UNAVAILABLE": 503,
}
TOO_MANY = 429
# Public answers are one resident's: never cached, never sent on as a referrer.
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
# Refusals whose message came from elsewhere in English, as a resident reads them.
FALLBACK = {
    "BAD_USER_INPUT": "提交的内容有误，请检查后重试。",
    "NOT_FOUND": "查询不到，请核对后重试。",
    "UNAVAILABLE": "服务暂时不可用，请稍后再试，或拨打服务电话 {phone}。",
    "CONFLICT": "提交时发生冲突，请稍后重试。",
    "INTERNAL": "服务出错了，请稍后再试，或拨打服务电话 {phone}。",
}
HAN = re.compile(r"[\u4e00-\u9fff]")

Work = Callable[[], Awaitable[tuple[int, Mapping[str, Any]]]]


def intake_routes(settings: Settings, clock: Clock = local_now) -> list[Route]:
    """The public form's and status page's JSON endpoints under /api."""
    phone = settings.service_phone
    body_limit = settings.intake_max_body_kb * KB
    client_reports = SlidingWindow(settings.intake_reports_per_minute, 60)
    link_reports = SlidingWindow(settings.intake_link_reports_per_hour, 3600)
    reads = SlidingWindow(settings.intake_reads_per_minute, 60)
    keys: list[IntakeCodes] = []

    def door(request: Request) -> Door:
        # The signing secret is read on first use, as for bearer tokens.
        if not keys:
            keys.append(IntakeCodes.of(settings))
        return Door(request.app.state.store, keys[0], phone, clock)

    def desk(request: Request) -> StatusDesk:
        return StatusDesk(request.app.state.store, clock)

    async def form(request: Request) -> Response:
        async def work() -> tuple[int, Mapping[str, Any]]:
            _limit(reads, _client(request), "访问太频繁，请 {seconds} 秒后再试。")
            return 200, await door(request).form(request.path_params["code"])

        return await _answer(work, phone)

    async def report(request: Request) -> Response:
        async def work() -> tuple[int, Mapping[str, Any]]:
            _limit(client_reports, _client(request), "提交太频繁，请 {seconds} 秒后再试。")
            code = request.path_params["code"]
            the_door = door(request)
            link = the_door.link_key(code)
            # A link counts the reports it took, not refused ones: garbage cannot block it.
            _limit(
                link_reports,
                link,
                "此二维码近一小时收到的反映太多，请 {minutes} 分钟后再试，"
                f"或拨打服务电话 {phone}。",
                count=False,
            )
            body = await _json_body(request, body_limit)
            receipt = await the_door.report(code, body)
            if receipt.created:
                link_reports.count(link)
            answer = {"receipt": receipt.receipt, "statusPath": receipt.status_path}
            return (201 if receipt.created else 200), answer

        return await _answer(work, phone)

    async def status(request: Request) -> Response:
        async def work() -> tuple[int, Mapping[str, Any]]:
            _limit(reads, _client(request), "访问太频繁，请 {seconds} 秒后再试。")
            return 200, await desk(request).status(request.path_params.get("secret", ""))

        return await _answer(work, phone)

    async def feedback(request: Request) -> Response:
        async def work() -> tuple[int, Mapping[str, Any]]:
            _limit(reads, _client(request), "提交太频繁，请 {seconds} 秒后再试。")
            body = await _json_body(request, body_limit)
            return 200, await desk(request).feedback(request.path_params["secret"], body)

        return await _answer(work, phone)

    return [
        Route("/api/intake/{code}", form, methods=["GET"]),
        Route("/api/intake/{code}", report, methods=["POST"]),
        # A missing secret is answered as a wrong one is.
        Route("/api/status", status, methods=["GET"]),
        Route("/api/status/", status, methods=["GET"]),
        Route("/api/status/{secret}", status, methods=["GET"]),
        Route("/api/status/{secret}/feedback", feedback, methods=["POST"]),
    ]


async def _answer(work: Work, phone: str) -> Response:
    try:
        status, body = await work()
        return JSONResponse(body, status_code=status, headers=HEADERS)
    except ApiError as error:
        return _refusal(error, phone)
    except StoreError as error:
        return _refusal(from_store(error), phone)


def _refusal(error: ApiError, phone: str) -> Response:
    error = shown(error)
    # Logged by code only: messages may echo what the resident typed.
    log.info("intake refused: %s", error.code)
    message = error.message
    if not HAN.search(message):
        message = FALLBACK.get(error.code, FALLBACK["INTERNAL"]).format(phone=phone)
    body: dict[str, Any] = {"code": error.code, "message": message}
    headers = dict(HEADERS)
    for name in ("field", "retryAfter", "requestId"):
        if name in error.details:
            body[name] = error.details[name]
    if isinstance(error, RateLimited):
        headers["Retry-After"] = str(error.retry_after)
        return JSONResponse({"error": body}, status_code=TOO_MANY, headers=headers)
    status = STATUS.get(error.code, 500)
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def _limit(window: SlidingWindow, key: str, message: str, *, count: bool = True) -> None:
    wait = window.wait(key) if count else window.full(key)
    if wait is not None:
        seconds = max(1, round(wait + 0.5))
        minutes = max(1, -(-seconds // 60))
        raise RateLimited(message.format(seconds=seconds, minutes=minutes), wait)


def _client(request: Request) -> str:
    # Behind a reverse proxy this is the proxy unless uvicorn trusts its forwarded headers.
    return request.client.host if request.client else "unknown"


async def _json_body(request: Request, limit: int) -> Mapping[str, Any]:
    def too_large() -> LimitExceeded:
        return LimitExceeded(
            f"提交的内容太大（超过 {limit // KB} KB），请精简描述后再提交。", maxBytes=limit
        )

    if declared_over(request.scope, limit):
        raise too_large()
    raw = await Request(request.scope, counted(request.receive, limit, too_large)).body()
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise BadUserInput("请以 JSON 对象提交（Content-Type: application/json）。")
    return data
