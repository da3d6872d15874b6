"""Context: what every resolver gets for one request."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from graph.store import Neo4jStore
from loaders import Loaders


@dataclass
class Context:
    """The request, the store and the request's own loaders."""

    request: Request | None
    store: Neo4jStore
    loaders: Loaders
