"""Context: what every resolver gets for one request."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from graph.analytics import CoordinationGraph
from graph.store import Neo4jStore
from loaders import Loaders
from settings import Settings


@dataclass
class Context:
    """The request, the settings, the store and the request's own loaders."""

    request: Request | None
    settings: Settings
    store: Neo4jStore
    loaders: Loaders
    # Who acts, as recorded on IssueEvents; authentication will name the user here.
    actor: str = "anonymous"
    # The app's cache of the coordination graph; None builds a fresh graph per call.
    analytics: CoordinationGraph | None = None
