"""Context: what every resolver gets for one request."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from graph.analytics import CoordinationGraph
from graph.store import Neo4jStore
from loaders import Loaders
from resolvers.access.principal import Principal
from resolvers.clock import Clock, local_now
from resolvers.feed import EventFeed
from settings import Settings


@dataclass
class Context:
    """The request, who makes it, the settings, the store and the request's own loaders."""

    request: HTTPConnection | None
    settings: Settings
    store: Neo4jStore
    loaders: Loaders
    principal: Principal
    # The app's cache of the coordination graph; None builds a fresh graph per call.
    analytics: CoordinationGraph | None = None
    # The app's live-update feed; None where no subscription can be served.
    feed: EventFeed | None = None
    # A subscription's connection_init payload, set by Strawberry on WebSocket connections.
    connection_params: dict[str, object] | None = None
    # The one clock every field and service of this request tells the time by.
    clock: Clock = local_now

    @property
    def actor(self) -> str:
        """Who acts, as recorded on IssueEvents: the token's subject."""
        return self.principal.sub
