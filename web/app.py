"""create_app: the service's routes, its authentication and lifespan, /healthz and /readyz."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from graph.analytics import CoordinationGraph
from graph.backup.restore import unfinished_restore
from graph.driver import open_driver
from graph.errors import StoreError
from graph.outage import request_budget
from graph.store import Neo4jStore
from resolvers.access.tokens import TokenVerifier
from resolvers.clock import Clock, local_now
from resolvers.feed import EventFeed
from settings import Settings
from web.auth import BearerAuth
from web.backups import BackupSchedule
from web.console import console_routes
from web.graphql import LianxinGraphQL
from web.intake import intake_routes
from web.ledgers import ledger_routes
from web.logs import keep_personal_data_out_of_logs
from web.metrics import Measured, Metrics, metrics_endpoint
from web.open311 import open311_routes

log = logging.getLogger("lianxin")


def create_app(settings: Settings | None = None, *, clock: Clock = local_now) -> Starlette:
    """Build the service; the lifespan owns the Neo4j driver; its routes tell time by `clock`."""
    settings = settings or Settings()
    keep_personal_data_out_of_logs()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = open_driver(settings)
        app.state.store = Neo4jStore(driver, settings.neo4j_database)
        # Created here, not in create_app: its lock belongs to the serving event loop.
        app.state.analytics = CoordinationGraph()
        app.state.settings = settings
        app.state.schema_ready = False
        app.state.metrics = metrics
        app.state.backups = BackupSchedule(app.state.store, settings, metrics)
        # Polls nothing until the first subscriber arrives.
        app.state.feed = EventFeed(
            app.state.store,
            poll_seconds=settings.event_poll_seconds,
            overdue_seconds=settings.overdue_poll_seconds,
        )
        try:
            await _ensure_ready(app)
        except StoreError as error:
            # Serve anyway: /readyz reports the problem and retries until Neo4j is back.
            log.warning("Neo4j not ready at start-up: %s", error)
        app.state.backups.start()
        try:
            yield
        finally:
            await app.state.backups.stop()
            await app.state.feed.close()
            await driver.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        backups = request.app.state.backups.detail()
        try:
            await _ensure_ready(request.app)
            unfinished = await unfinished_restore(request.app.state.store)
        except StoreError as error:
            return JSONResponse(
                {"status": "unavailable", "neo4j": str(error), "backups": backups}, status_code=503
            )
        if unfinished is not None:
            restore = (
                f"a restore of {unfinished['file']} begun at {unfinished['startedAt']} did not "
                "finish: this database is incomplete; run `lianxin restore` again"
            )
            return JSONResponse(
                {"status": "unavailable", "restore": restore, "backups": backups}, status_code=503
            )
        body = {"status": "ready", "neo4j": "reachable", "schema": "ensured", "backups": backups}
        return JSONResponse(body)

    auth = BearerAuth(TokenVerifier(settings))
    graphql = LianxinGraphQL(settings, auth, clock)
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            *open311_routes(settings, clock),
            *ledger_routes(settings),
            *intake_routes(settings, clock),
            # Last: every other GET for a page is the console's, which routes it in the browser.
            *console_routes(settings),
        ],
        # Every request and WebSocket is authenticated once, here; routes require what they need.
        middleware=[
            Middleware(Measured, metrics=metrics, metrics_port=settings.metrics_port),
            Middleware(OneOutageWait),
            Middleware(AuthenticationMiddleware, backend=auth),
        ],
        lifespan=lifespan,
    )


class OneOutageWait:
    """An HTTP request waits for an unreachable Neo4j once, however many store calls it makes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            # A WebSocket lives for hours: each of its reads meets Neo4j as it is then.
            await self.app(scope, receive, send)
            return
        with request_budget():
            await self.app(scope, receive, send)


async def _ensure_ready(app: Starlette) -> None:
    store: Neo4jStore = app.state.store
    await store.ping()
    if not app.state.schema_ready:
        await store.ensure_schema()
        app.state.schema_ready = True
