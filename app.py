"""create_app: the Starlette application serving /graphql, /healthz and /readyz."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph.analytics import CoordinationGraph
from graph.driver import open_driver
from graph.errors import StoreError
from graph.store import Neo4jStore
from loaders import Loaders
from open311 import open311_routes
from resolvers.context import Context
from schema import build_schema
from schema.view import GraphQLView
from settings import Settings

log = logging.getLogger("lianxin")


class LianxinGraphQL(GraphQLView):
    """The GraphQL endpoint, with a context holding the store and per-request loaders."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings.max_query_depth, settings.max_aliases, settings.max_tokens)
        )
        self.settings = settings

    async def get_context(self, request: Any, response: Any) -> Context:
        store: Neo4jStore = request.app.state.store
        return Context(
            request=request,
            settings=self.settings,
            store=store,
            loaders=Loaders.for_store(store),
            analytics=request.app.state.analytics,
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
        app.state.schema_ready = False
        try:
            await _ensure_ready(app)
        except StoreError as error:
            # Serve anyway: /readyz reports the problem and retries until Neo4j is back.
            log.warning("Neo4j not ready at start-up: %s", error)
        try:
            yield
        finally:
            await driver.close()

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await _ensure_ready(request.app)
        except StoreError as error:
            return JSONResponse({"status": "unavailable", "neo4j": str(error)}, status_code=503)
        return JSONResponse({"status": "ready", "neo4j": "reachable", "schema": "ensured"})

    graphql = LianxinGraphQL(settings)
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            *open311_routes(settings),
        ],
        lifespan=lifespan,
    )


async def _ensure_ready(app: Starlette) -> None:
    store: Neo4jStore = app.state.store
    await store.ping()
    if not app.state.schema_ready:
        await store.ensure_schema()
        app.state.schema_ready = True
