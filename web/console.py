"""The console: its built pages and assets, served from the machine itself, never another host."""

from __future__ import annotations

import mimetypes
import os
import stat
from pathlib import Path

from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

from settings import Settings

# The browser may load nothing from another host: scripts, styles, fonts, images and
# connections all stay on the service's own origin. GraphiQL needs no more: its fonts are
# inlined (data:), monaco sets inline styles, its workers are bundled files, and 'self' in
# connect-src covers the same origin's ws:// for subscriptions.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": POLICY,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# Built asset names carry a hash of their content, so a browser may keep them for good.
ASSET_HEADERS = {"Cache-Control": "public, max-age=31536000, immutable"}

NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>连心</title></head>
<body><h1>控制台尚未构建</h1>
<p>请在项目目录运行 <code>make console</code>（<code>make serve</code> 会先自动构建），
然后刷新本页。</p>
<p>The console is not built: run <code>make console</code>, then reload.</p></body></html>
"""


def page(dist: Path, name: str) -> Response:
    """A built HTML page with the console's headers, or how to build it when it is missing."""
    built = dist / name
    if not built.is_file():
        return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
    return FileResponse(built, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


class Assets(StaticFiles):
    """The hashed bundles, sent as their .gz built beside them when the client takes gzip."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        takes_gzip = "gzip" in Headers(scope=scope).get("accept-encoding", "")
        if takes_gzip and scope["method"] in ("GET", "HEAD"):
            full_path, stat_result = self.lookup_path(path + ".gz")
            if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
                media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding", **ASSET_HEADERS}
                return FileResponse(
                    full_path, stat_result=stat_result, media_type=media_type, headers=headers
                )
        return await super().get_response(path, scope)

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers.update(ASSET_HEADERS)
        return response


def console_routes(settings: Settings) -> list[BaseRoute]:
    """/assets, and every other page path answered with the console, which routes it itself."""
    dist = settings.console_dir

    async def console(request: Request) -> Response:
        path = request.path_params["path"]
        # A file name or a non-browser client gets a plain 404, not the console's HTML.
        wants_page = "text/html" in request.headers.get("accept", "")
        if "." in path.rsplit("/", 1)[-1] or not wants_page:
            return PlainTextResponse("Not Found", status_code=404)
        return page(dist, "index.html")

    assets = GZipMiddleware(Assets(directory=dist / "assets", check_dir=False), minimum_size=1024)
    return [
        Mount("/assets", app=assets, name="assets"),
        Route("/{path:path}", console, methods=["GET", "HEAD"]),
    ]
