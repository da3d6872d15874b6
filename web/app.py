"""create_app: the Starlette application serving /graphql, /healthz and /readyz."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UnsetType

from graph.analytics import CoordinationGraph
from graph.driver import open_driver
from graph.errors import StoreError
from graph.store import Neo4jStore
from loaders import Loaders
from resolvers.access.centers import Centers
from resolvers.access.principal import Principal, Role
from resolvers.access.tokens import TokenVerifier
from resolvers.errors import Unauthenticated
from resolvers.feed import EventFeed
from schema import build_schema
from schema.context import Context
from schema.view import GraphQLView
from settings import Settings
from web.ledgers import ledger_routes
from web.open311 import open311_routes

log = logging.getLogger("lianxin")


# A WebSocket's reader until its connection_init names one: it can read nothing private.
NOBODY = Principal("anonymous", Role.VIEWER)


class LianxinGraphQL(GraphQLView):
    """The GraphQL endpoint: bearer tokens, and a context with the store and the loaders."""

    def __init__(self, settings: Settings, tokens: TokenVerifier) -> None:
        super().__init__(
            build_schema(settings.max_query_depth, settings.max_aliases, settings.max_tokens)
        )
        self.settings = settings
        self.tokens = tokens
        self.centers = Centers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not _is_ide_page(Request(scope)):
            request = Request(scope, receive)
            try:
                request.state.principal = self.tokens.principal(
                    request.headers.get("authorization")
                )
            except Unauthenticated as error:
                # Refused before anything runs, so nothing can be half-written.
                await unauthenticated(error)(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Any, response: Any) -> Context:
        store: Neo4jStore = request.app.state.store
        principal: Principal = getattr(request.state, "principal", NOBODY)
        # Still correct without it: the Cypher rule checks for a center itself, more slowly.
        with contextlib.suppress(StoreError):
            principal = await self.centers.resolve(store, principal)
        return Context(
            request=request,
            settings=self.settings,
            store=store,
            loaders=Loaders.for_store(store, principal.viewer),
            principal=principal,
            analytics=request.app.state.analytics,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """Authenticate a subscription connection from its connection_init payload."""
        params = context.connection_params or {}
        header = params.get("Authorization") or params.get("authorization")
        if header is None and context.request is not None:
            header = context.request.headers.get("authorization")
        try:
            principal = self.tokens.principal(str(header) if header else None)
        except Unauthenticated as error:
            raise ConnectionRejectionError({"code": error.code, "message": error.message}) from None
        try:
            # Once per connection: the poller decides visibility in Python and needs to know.
            principal = await self.centers.resolve(context.store, principal)
        except StoreError:
            unavailable: dict[str, object] = {
                "code": "UNAVAILABLE", "message": "Neo4j is unreachable; connect again later."
            }
            raise ConnectionRejectionError(unavailable) from None
        context.principal = principal
        context.loaders = Loaders.for_store(context.store, principal.viewer)
        return UnsetType()


def unauthenticated(error: Unauthenticated) -> Response:
    """401 with a GraphQL-shaped body, so clients read the code where they read others."""
    body = {"errors": [{"message": error.message, "extensions": {"code": error.code}}]}
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _is_ide_page(request: Request) -> bool:
    # GraphiQL's own page needs no token; the queries it then sends do.
    return (
        request.method == "GET"
        and "text/html" in request.headers.get("accept", "")
        and "query" not in request.query_params
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the service; the lifespan owns the Neo4j driver."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = open_driver(settings)
        app.state.store = Neo4jStore(driver, settings.neo4j_database)
        # Created here, not in create_app: its lock belongs to the serving event loop.
        app.state.analytics = CoordinationGraph()
        app.state.tokens = tokens
        app.state.settings = settings
        app.state.schema_ready = False
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
        try:
            yield
        finally:
            await app.state.feed.close()
            await driver.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await _ensure_ready(request.app)
        except StoreError as error:
            return JSONResponse({"status": "unavailable", "neo4j": str(error)}, status_code=503)
        return JSONResponse({"status": "ready", "neo4j": "reachable", "schema": "ensured"})

    tokens = TokenVerifier(settings)
    graphql = LianxinGraphQL(settings, tokens)
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            *open311_routes(settings),
            *ledger_routes(settings),
        ],
        lifespan=lifespan,
    )


async def _ensure_ready(app: Starlette) -> None:
    store: Neo4jStore = app.state.store
    await store.ping()
    if not app.state.schema_ready:
        await store.ensure_schema()
        app.state.schema_ready = True
