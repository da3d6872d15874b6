"""GraphQLView: GraphQL over HTTP as the spec says, on Strawberry's ASGI app."""

from __future__ import annotations

from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError, OperationType
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from resolvers.errors import ApiError, BadUserInput
from schema.context import Context
from schema.errors import new_request_id, operation_label, report_client_error, request_error_code
from web.errors import error_response, graphql_body
from web.operations import runs, unnamed_choice
from web.sockets import LegacySocket, TransportSocket

GRAPHQL_RESPONSE = "application/graphql-response+json"
NOT_AN_OBJECT = (
    "The request body must be a JSON object such as "
    '{"query": "…", "variables": {…}, "operationName": "…"}.'
)
OVER_WEBSOCKET = (
    "Subscriptions are served over WebSocket: open /graphql with the graphql-transport-ws "
    "protocol and subscribe there."
)


class NegotiatedResponse(Response):
    """Strawberry's sub-response, remembering which media type the client asked for."""

    wants_graphql_response = False


class GraphQLView(GraphQL[Context, None]):
    """Content negotiation, spec status codes, 405 for mutations over GET, coded refusals."""

    # The parser's token limit, for the view's own look at which operation a request runs.
    max_tokens = 5000
    graphql_transport_ws_handler_class = TransportSocket
    graphql_ws_handler_class = LegacySocket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as error:
            response = _refusal(error)
        except ApiError as error:
            # A limit the request broke while its body was read.
            response = error_response(error)
        except Exception as error:
            # Masked for the client, traced in the log, and the service answers the next one.
            unexpected = ApiError(f"{type(error).__name__} in the GraphQL view")
            unexpected.__cause__ = error
            response = error_response(unexpected)
        await response(scope, receive, send)

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = NegotiatedResponse()
        sub_response.status_code = None  # type: ignore[assignment]
        del sub_response.headers["content-length"]
        accept = request.headers.get("accept", "")
        sub_response.wants_graphql_response = GRAPHQL_RESPONSE in accept
        return sub_response

    def parse_json(self, data: str | bytes) -> Any:
        parsed = super().parse_json(data)
        # A list is a batch, which Strawberry refuses by itself; anything else is no request.
        if not isinstance(parsed, (dict, list)):
            raise HTTPException(400, NOT_AN_OBJECT)
        return parsed

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Any,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        refused = self._refused(request_data, sub_response)
        if refused is not None:
            return refused
        try:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                # The spec: a mutation over GET is 405, so caches and proxies never replay it.
                raise HTTPException(405, "Mutations need POST; GET is for queries.") from error
            raise

    def _refused(
        self, request_data: GraphQLRequestData, sub_response: Any
    ) -> ExecutionResult | None:
        """A request error for what Strawberry would run wrongly: it is never executed."""
        if not isinstance(request_data.query, str):
            return None
        unnamed = unnamed_choice(request_data.query, request_data.operation_name, self.max_tokens)
        if unnamed is not None:
            message = unnamed
        elif runs(request_data.query, request_data.operation_name, self.max_tokens) is (
            OperationType.SUBSCRIPTION
        ):
            message = OVER_WEBSOCKET
            # Not a GraphQL error the client could fix in its document: the transport is wrong.
            sub_response.status_code = 400
        else:
            return None
        report_client_error(
            new_request_id(), operation_label(request_data.operation_name), "BAD_USER_INPUT"
        )
        error = GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})
        return ExecutionResult(data=None, errors=[error])

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        data = await super().process_result(request, result)
        # A parse hook that raises (the parser cache, the token limit) ends the operation
        # before ErrorCodes sees the result: such errors get their code here.
        errors: list[dict[str, Any]] = data.get("errors") or []  # type: ignore[assignment]
        for error in errors:
            extensions = error.setdefault("extensions", {})
            extensions.setdefault("code", request_error_code(error.get("message", "")))
        return data

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        strict = getattr(sub_response, "wants_graphql_response", False)
        request_error = isinstance(response_data, dict) and _is_request_error(response_data)
        if strict and request_error:
            # A request that never executed has no `data` entry at all, and is a 400.
            response_data = {k: v for k, v in response_data.items() if k != "data"}  # type: ignore[union-attr, assignment]
            sub_response.status_code = 400
        response = super().create_response(response_data, sub_response)
        if strict:
            response.headers["content-type"] = GRAPHQL_RESPONSE
        return response


def _refusal(error: HTTPException) -> Response:
    """Strawberry's HTTP refusals in the GraphQL shape, with a code like every other error."""
    response = JSONResponse(graphql_body(BadUserInput(error.reason)), status_code=error.status_code)
    if error.status_code == 405:
        response.headers["Allow"] = "POST"
    return response


def _is_request_error(data: GraphQLHTTPResponse) -> bool:
    # Parse and validation errors stop the request before execution: no data, no error path.
    errors: list[dict[str, Any]] = data.get("errors") or []  # type: ignore[assignment]
    return data.get("data") is None and bool(errors) and all("path" not in e for e in errors)
