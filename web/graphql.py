"""LianxinGraphQL: the /graphql endpoint, requiring a principal, with a typed Context."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from graph.errors import StoreError
from graph.outage import current_budget
from graph.store import Neo4jStore
from loaders import Loaders
from resolvers.access.centers import Centers
from resolvers.access.principal import Principal, Role
from resolvers.clock import Clock, local_now
from resolvers.errors import ApiError, LimitExceeded, Unauthenticated, from_store
from schema import build_schema
from schema.context import Context
from schema.errors import current_request_id, new_request_id, request_error_code
from settings import Settings
from web.auth import BearerAuth, principal_of, required
from web.console import page
from web.errors import error_response, shown
from web.limits import MB, counted, declared_over
from web.logs import log_request, request_fields
from web.metrics import Metrics
from web.operations import named, runs
from web.view import GraphQLView

# A WebSocket's reader until its connection_init names one: it can read nothing private.
NOBODY = Principal("anonymous", Role.VIEWER)


class LianxinGraphQL(GraphQLView):
    """The GraphQL endpoint: a principal required, and a context with the store and loaders."""

    def __init__(self, settings: Settings, auth: BearerAuth, clock: Clock = local_now) -> None:
        super().__init__(
            build_schema(settings.max_query_depth, settings.max_aliases, settings.max_tokens)
        )
        self.settings = settings
        self.auth = auth
        self.max_tokens = settings.max_tokens
        self.max_body = int(settings.max_body_mb * MB)
        self.clock = clock
        self.centers = Centers()
        self.turns = asyncio.Semaphore(settings.max_concurrent_operations)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not _is_ide_page(Request(scope)):
            try:
                principal_of(HTTPConnection(scope))
            except Unauthenticated as error:
                # Refused before anything runs, so nothing can be half-written.
                await error_response(error)(scope, receive, send)
                return
            if declared_over(scope, self.max_body):
                await error_response(self._too_large())(scope, receive, send)
                return
            # A chunked body declares no length: it is counted as it arrives.
            receive = counted(receive, self.max_body, self._too_large)
        await super().__call__(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our GraphiQL, built with the console: Strawberry's own page loads from a CDN."""
        return page(self.settings.console_dir, "graphiql.html")

    def _too_large(self) -> LimitExceeded:
        return LimitExceeded(
            f"the request body is larger than {self.max_body / MB:g} MB (LIANXIN_MAX_BODY_MB); "
            "send fewer or smaller variables, or split the request",
            maxBytes=self.max_body,
        )

    async def get_context(self, request: Any, response: Any) -> Context:
        store: Neo4jStore = request.app.state.store
        # A subscription names its principal in connection_init (see on_ws_connect), and
        # GraphiQL's page, served without a token, runs nothing.
        anonymous = isinstance(request, WebSocket) or _is_ide_page(request)
        principal = NOBODY if anonymous else principal_of(request)
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
            feed=getattr(request.app.state, "feed", None),
            clock=self.clock,
        )

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Any,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Run the request under its own id, then count, time and log it in one line."""
        metrics: Metrics = request.app.state.metrics
        query = request_data.query if isinstance(request_data.query, str) else ""
        kind = runs(query, request_data.operation_name, self.max_tokens)
        kind_name = kind.value if kind is not None else "unknown"
        operation = metrics.operation(named(query, request_data.operation_name, self.max_tokens))
        fields = {"operation": operation, "kind": kind_name, "role": context.principal.role.value}
        id_token = current_request_id.set(new_request_id())
        fields_token = request_fields.set(fields)
        started = time.perf_counter()
        code = "INTERNAL"
        try:
            async with self.turns:
                result = await super().execute_single(
                    request, request_adapter, sub_response, context, root_value, request_data
                )
            code = _result_code(result)
            return result
        except HTTPException:
            code = "BAD_USER_INPUT"
            raise
        finally:
            seconds = time.perf_counter() - started
            trips = current_budget().round_trips
            metrics.graphql.labels(operation, kind_name, code).inc()
            metrics.graphql_seconds.labels(operation, kind_name).observe(seconds)
            metrics.round_trips.labels(kind_name).observe(trips)
            log_request(code, seconds, trips)
            request_fields.reset(fields_token)
            current_request_id.reset(id_token)

    async def on_ws_connect(self, context: Context) -> UnsetType:
        """Authenticate a subscription connection from its connection_init payload."""
        params = context.connection_params or {}
        header = params.get("Authorization") or params.get("authorization")
        try:
            if header:
                _, user = self.auth.verify(str(header))
                principal = required(user)
            else:
                # No token in the payload: the handshake's header, as the middleware read it.
                assert context.request is not None
                principal = principal_of(context.request)
        except Unauthenticated as error:
            raise _rejection(error) from None
        try:
            # Once per connection: the poller decides visibility in Python and needs to know.
            principal = await self.centers.resolve(context.store, principal)
        except StoreError as error:
            raise _rejection(from_store(error)) from None
        context.principal = principal
        context.loaders = Loaders.for_store(context.store, principal.viewer)
        return UnsetType()


def _result_code(result: ExecutionResult) -> str:
    """OK, or the first error's code."""
    if not result.errors:
        return "OK"
    error = result.errors[0]
    return str((error.extensions or {}).get("code") or request_error_code(error.message))


def _rejection(error: ApiError) -> ConnectionRejectionError:
    # graphql-transport-ws closes with 4403; the legacy protocol sends this payload.
    refused = shown(error)
    return ConnectionRejectionError({"code": refused.code, "message": refused.message})


def _is_ide_page(request: Request) -> bool:
    # GraphiQL's own page needs no token; the queries it then sends do.
    return (
        request.method == "GET"
        and "text/html" in request.headers.get("accept", "")
        and "query" not in request.query_params
    )
