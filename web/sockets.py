"""WebSocket protocol handlers that refuse, as HTTP does, a document that names no operation."""

from __future__ import annotations

from graphql import GraphQLError, GraphQLFormattedError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ErrorMessage as TransportError,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.subscriptions.protocols.graphql_ws.types import ErrorMessage, StartMessage

from schema.context import Context
from schema.errors import new_request_id, report_client_error
from web.operations import unnamed_choice

# The parser's token limit for this look, unless the view names its own; the schema's applies too.
MAX_TOKENS = 5000


class TransportSocket(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws: several operations without `operationName` are an error message."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message["payload"]
        refusal = _refusal(payload["query"], payload.get("operationName"), _tokens(self.view))
        # Before acknowledgement the protocol closes the socket: Strawberry does that.
        if refusal is None or not self.connection_acknowledged:
            await super().handle_subscribe(message)
            return
        await self.send_message(TransportError(id=message["id"], type="error", payload=[refusal]))


class LegacySocket(BaseGraphQLWSHandler[Context, None]):
    """graphql-ws (legacy): the same refusal, in that protocol's error message."""

    async def handle_start(self, message: StartMessage) -> None:
        payload = message["payload"]
        refusal = _refusal(payload["query"], payload.get("operationName"), _tokens(self.view))
        if refusal is None or not self.connection_acknowledged:
            await super().handle_start(message)
            return
        await self.send_message(ErrorMessage(type="error", id=message["id"], payload=refusal))


def _tokens(view: object) -> int:
    return int(getattr(view, "max_tokens", MAX_TOKENS))


def _refusal(
    query: str, operation_name: str | None, max_tokens: int
) -> GraphQLFormattedError | None:
    message = unnamed_choice(query, operation_name, max_tokens)
    if message is None:
        return None
    report_client_error(new_request_id(), "(anonymous operation)", "BAD_USER_INPUT")
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT"}).formatted
